using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Web.Mcp;

namespace WorkflowStudio.Tests.Mcp;

/// <summary>Each saved workflow with inputs as its own tool on <c>/mcp</c>, for its tenant only.</summary>
public sealed partial class McpWorkflowToolsTests : IAsyncLifetime
{
    private static readonly string[] FixedTools = ["approve_node", "get_run", "list_templates", "orchestrate", "plan_workflow", "run_workflow"];

    private ApiHost _host = default!;
    private string _greet = default!; // the tool names of the saved workflows (ids are the store's)
    private string _plain = default!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync();
        using var acme = await _host.ClientAsync("acme");
        var greet = new
        {
            name = "Greet someone",
            description = "Says hello.",
            inputs = new Dictionary<string, object>
            {
                ["person"] = new { type = "string", description = "Whom to greet" },
                ["greeting"] = new { type = "string", @default = "Hello" },
            },
            nodes = new[] { new { id = "say", tool = "builtin/echo", args = new { value = "{{ inputs.greeting }}, {{ inputs.person }}!" } } },
        };
        _greet = McpWorkflowTools.ToolName(await SaveAsync(acme, greet));
        _plain = McpWorkflowTools.ToolName(await SaveAsync(acme, ApiJson.Echo("no inputs")));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ListTools_SavedWorkflowWithInputs_IsListedWithItsInputSchema_OnlyForItsTenant()
    {
        await using var acme = await McpTestClient.ConnectAsync(_host, "acme", TenantRoles.Viewer);
        await using var globex = await McpTestClient.ConnectAsync(_host, "globex");

        var own = await acme.ListToolsAsync();
        var foreign = await globex.ListToolsAsync();

        Assert.Equal([.. FixedTools, _greet], own.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(FixedTools, foreign.Select(t => t.Name).Order(StringComparer.Ordinal));
        var tool = own.Single(t => t.Name == _greet).ProtocolTool;
        Assert.Equal("Greet someone", tool.Title);
        Assert.StartsWith("Says hello. Runs the saved workflow 'Greet someone'", tool.Description, StringComparison.Ordinal);
        Assert.Equal(["person"], tool.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Whom to greet", tool.InputSchema.GetProperty("properties").GetProperty("person").GetProperty("description").GetString());
        Assert.Equal("Hello", tool.InputSchema.GetProperty("properties").GetProperty("greeting").GetProperty("default").GetString());
        Assert.NotNull(tool.OutputSchema);
    }

    [Fact]
    public async Task CallTool_WorkflowTool_RunsTheWorkflowFromMcpAndAnswersLikeRunWorkflow()
    {
        await using var client = await McpTestClient.ConnectAsync(_host, "acme");

        var result = await client.CallToolAsync(_greet, new Dictionary<string, object?> { ["person"] = "Ada" });

        Assert.NotEqual(true, result.IsError);
        var output = result.StructuredContent!.Value;
        Assert.Equal("success", output.GetProperty("status").GetString());
        Assert.Equal("Hello, Ada!", output.GetProperty("results")[0].GetProperty("result").GetString());
        var runId = output.GetProperty("run_id").GetString()!;
        Assert.Contains(result.Content.OfType<ResourceLinkBlock>(), l => l.Uri == $"workflowstudio://runs/{runId}");
        var run = await _host.Services.GetRequiredService<RunFrontDoor>().For(new TenantId("acme")).FindAsync(runId);
        Assert.Equal((_greet, RunOrigin.Mcp), (McpWorkflowTools.ToolName(run!.WorkflowId), run.Origin));
    }

    [Fact]
    public async Task CallTool_WithAProgressToken_ReportsTheRunsProgress()
    {
        await using var client = await McpTestClient.ConnectAsync(_host, "acme");
        var finished = new TaskCompletionSource<ProgressNotificationValue>(TaskCreationOptions.RunContinuationsAsynchronously);

        var result = await client.CallToolAsync(_greet, new Dictionary<string, object?> { ["person"] = "Ada" }, new Reporter(p =>
        {
            // SDK 2.4.0 hands notifications over concurrently and may lose the one sent just before the result, so the
            // test waits for the first report, not the last (docs/tools.md).
            finished.TrySetResult(p);
        }));

        Assert.NotEqual(true, result.IsError);
        var progress = await finished.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the client may hand it over after the result
        Assert.Equal(1, progress.Total);
    }

    [Fact]
    public async Task CallTool_WithoutARequiredInputOrWithAnUnknownOne_IsAnErrorResultNamingIt()
    {
        await using var client = await McpTestClient.ConnectAsync(_host, "acme");

        var missing = await client.CallToolAsync(_greet, new Dictionary<string, object?>());
        var unknown = await client.CallToolAsync(_greet, new Dictionary<string, object?> { ["person"] = "Ada", ["mood"] = "happy" });

        Assert.True(missing.IsError);
        Assert.Contains("person", Assert.IsType<TextContentBlock>(Assert.Single(missing.Content)).Text, StringComparison.Ordinal);
        Assert.True(unknown.IsError);
        Assert.Equal($"Workflow tool '{_greet}' has no input 'mood'; its inputs are: person, greeting.",
            Assert.IsType<TextContentBlock>(Assert.Single(unknown.Content)).Text);
    }

    [Theory]
    [InlineData("globex", "GREET")] // another tenant's workflow does not exist for this caller
    [InlineData("acme", "PLAIN")] // a workflow without inputs is not a tool
    [InlineData("acme", "workflow_nope")]
    [InlineData("acme", "no_such_tool")]
    public async Task CallTool_NotATool_IsInvalidParams(string tenant, string name)
    {
        name = name switch { "GREET" => _greet, "PLAIN" => _plain, _ => name };
        await using var client = await McpTestClient.ConnectAsync(_host, tenant);

        var error = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.CallToolAsync(name, new Dictionary<string, object?> { ["person"] = "Ada" }));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains($"Unknown tool: '{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_WithAViewerKey_IsAnErrorResultNamingTheRole()
    {
        await using var client = await McpTestClient.ConnectAsync(_host, "acme", TenantRoles.Viewer);

        var result = await client.CallToolAsync(_greet, new Dictionary<string, object?> { ["person"] = "Ada" });

        Assert.True(result.IsError);
        Assert.Contains("role", JsonSerializer.Serialize(result.Content), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("greet", "workflow_greet")]
    [InlineData("0193a1b2c3d4e5f60718293a4b5c6d7e", "workflow_0193a1b2c3d4e5f60718293a4b5c6d7e")]
    public void ToolName_PlainId_IsPrefixedId(string id, string expected) => Assert.Equal(expected, McpWorkflowTools.ToolName(id));

    [Fact]
    public void ToolName_IdWithOtherCharactersOrLong_IsAValidNameThatStaysDistinct()
    {
        string[] ids = ["sales report", "sales_report", "sales.report", "ventes/été", new string('x', 200), new string('x', 201)];

        var names = ids.Select(McpWorkflowTools.ToolName).ToArray();

        Assert.All(names, n => Assert.Matches(ValidToolName(), n));
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(names, ids.Select(McpWorkflowTools.ToolName)); // stable
    }

    private static async Task<string> SaveAsync(HttpClient client, object workflow)
    {
        using var response = await client.PostAsync(new Uri("/api/workflows", UriKind.Relative), ApiJson.Body(workflow));
        return (await ApiJson.ReadAsync(response.EnsureSuccessStatusCode())).GetProperty("id").GetString()!;
    }

    /// <summary>Reports on the calling thread.</summary>
    private sealed class Reporter(Action<ProgressNotificationValue> report) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => report(value);
    }

    [GeneratedRegex("^workflow_[A-Za-z0-9_-]{1,55}$")]
    private static partial Regex ValidToolName();
}
