using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Workflows;

public sealed class SeedImporterTests
{
    private const string SalesSeed = """
        {
          "request": "Analyze Q3 sales performance and create executive dashboard",
          "orchestration": {
            "actions": [
              { "step": 2, "action": "ai_analysis", "tools": ["ai_chat"], "params": { "analysis_type": "trend_analysis" } },
              { "step": 1, "action": "data_extraction", "tools": ["supabase_analytics", "clickup_api"],
                "params": { "period": "Q3_2024", "metrics": ["revenue", "conversion"] } },
              { "step": 3, "action": "distribution", "tools": ["mail/email_api", "telegram_bot"], "params": { "recipients": ["executives"] } }
            ]
          }
        }
        """;

    private static InMemoryToolCatalog SalesCatalog() => new InMemoryToolCatalog()
        .Add("supabase", "supabase_analytics")
        .Add("clickup", "clickup_api")
        .Add("clickup", "clickup_create_task")
        .Add("ai", "ai_chat")
        .Add("mail", "email_api")
        .Add("telegram", "telegram_bot");

    private static Task<WorkflowLoadResult> LoadAsync(string json, InMemoryToolCatalog catalog) =>
        WorkflowLoader.LoadAsync(json, catalog, CancellationToken.None);

    [Fact]
    public async Task Import_SalesScenario_BuildsOneNodePerToolInStepOrder()
    {
        var result = await LoadAsync(SalesSeed, SalesCatalog());

        Assert.Empty(result.Errors);
        var workflow = result.Workflow!;
        Assert.Equal("analyze-q3-sales-performance-and-create-executive-dashboard", workflow.Name);
        Assert.Equal("Analyze Q3 sales performance and create executive dashboard", workflow.Description);
        Assert.Equal(
            ["data_extraction_supabase_analytics", "data_extraction_clickup_api", "ai_analysis", "distribution_email_api", "distribution_telegram_bot"],
            workflow.Nodes.Select(n => n.Id));
        Assert.Equal(["supabase/supabase_analytics", "clickup/clickup_api", "ai/ai_chat", "mail/email_api", "telegram/telegram_bot"],
            workflow.Nodes.Select(n => n.Tool));
        Assert.Empty(workflow.Nodes[0].DependsOn);
        Assert.Equal(["data_extraction_supabase_analytics", "data_extraction_clickup_api"], workflow.Nodes[2].DependsOn);
        Assert.Equal(["ai_analysis"], workflow.Nodes[4].DependsOn);
        Assert.Equal("Q3_2024", workflow.Nodes[1].Args!.Value.GetProperty("period").GetString());
    }

    [Fact]
    public async Task Import_SalesScenario_PassesTheValidator()
    {
        var catalog = SalesCatalog();
        var workflow = (await LoadAsync(SalesSeed, catalog)).Workflow!;

        Assert.Empty(await WorkflowValidator.ValidateAsync(workflow, catalog, null, CancellationToken.None));
    }

    [Fact]
    public async Task Import_ActionsSharingAStep_RunInParallelAndRepeatedNamesStayUnique()
    {
        var result = await LoadAsync("""
            { "request": "x", "orchestration": { "actions": [
              { "step": 1, "action": "chat", "tools": ["ai_chat"] },
              { "step": 1, "action": "chat", "tools": ["ai_chat"] },
              { "action": "9 lives!", "tools": ["ai_chat"] } ] } }
            """, SalesCatalog());

        var nodes = result.Workflow!.Nodes;
        Assert.Equal(["chat", "chat_2", "_9_lives_"], nodes.Select(n => n.Id));
        Assert.Empty(nodes[1].DependsOn);
        Assert.Equal(["chat", "chat_2"], nodes[2].DependsOn);
    }

    [Fact]
    public async Task Import_MissingTool_NamesTheClosestTools()
    {
        var result = await LoadAsync("""{ "request": "x", "orchestration": { "actions": [ { "step": 1, "action": "a", "tools": ["ai_chat", "clickup"] } ] } }""", SalesCatalog());

        Assert.Null(result.Workflow);
        Assert.Equal(
            "$.orchestration.actions[0].tools[1]: no configured server has a tool named 'clickup' (closest: clickup/clickup_api, clickup/clickup_create_task)",
            Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public async Task Import_ToolOnSeveralServers_AsksForServerSlashTool()
    {
        var catalog = SalesCatalog().Add("backup", "ai_chat");

        var result = await LoadAsync("""{ "request": "x", "orchestration": { "actions": [ { "step": 1, "action": "a", "tools": ["ai_chat"] } ] } }""", catalog);

        Assert.Equal(
            "$.orchestration.actions[0].tools[0]: tool name 'ai_chat' is ambiguous: ai/ai_chat, backup/ai_chat all have it; write 'server/tool' to choose one",
            Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public async Task Import_UnreachableServer_IsNamedWhenAToolIsMissing()
    {
        var catalog = SalesCatalog().Unreachable("crm", "process exited with code 1");

        var result = await LoadAsync("""{ "request": "x", "orchestration": { "actions": [ { "step": 1, "action": "a", "tools": ["crm_lookup"] } ] } }""", catalog);

        var error = Assert.Single(result.Errors);
        Assert.Contains("not searched, could not be reached: crm (process exited with code 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_StructuralProblems_AreAllReported()
    {
        var result = await LoadAsync("""
            { "orchestration": { "actions": [
              { "step": "one", "action": "a", "tools": ["ai_chat"], "parms": {} },
              { "step": 2, "tools": [] } ] } }
            """, SalesCatalog());

        Assert.Equal(
        [
            "$.orchestration.actions[0].step: expected integer, got string \"one\"",
            "$.orchestration.actions[0].parms: unknown property; did you mean 'params'?",
            "$.orchestration.actions[1]: missing required property 'action' (a short name such as \"data_extraction\")",
            "$.orchestration.actions[1].tools: expected at least one tool name",
            "$: missing required property 'request' (it names and describes the workflow)",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task Import_OnlyQualifiedNames_DoesNotReadTheCatalog()
    {
        var catalog = SalesCatalog();

        await LoadAsync("""{ "request": "x", "orchestration": { "actions": [ { "action": "a", "tools": ["ai/ai_chat"] } ] } }""", catalog);

        Assert.Equal(0, catalog.LookupsOf("ai"));
    }

    [Fact]
    public async Task Import_ManyBareNames_ReadsEachServerOnce()
    {
        var catalog = SalesCatalog();

        await LoadAsync(SalesSeed, catalog);

        Assert.All(catalog.Servers, server => Assert.Equal(1, catalog.LookupsOf(server)));
    }
}
