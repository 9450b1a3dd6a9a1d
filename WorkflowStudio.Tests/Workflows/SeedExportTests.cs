using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Workflows;

/// <summary><see cref="SeedFormat.Export"/>: the seed's format written back, and read again by <see cref="WorkflowLoader"/>.</summary>
public sealed class SeedExportTests
{
    private static readonly InMemoryToolCatalog Catalog = new InMemoryToolCatalog()
        .Add("crm", "fetch").Add("ai", "summarize").Add("ai", "classify").Add("mail", "send");

    private static WorkflowNode Node(string id, string tool, object? args = null, params string[] dependsOn) => new()
    {
        Id = id, Tool = tool, DependsOn = dependsOn, Args = args is null ? null : JsonSerializer.SerializeToElement(args),
    };

    /// <summary>A diamond: fetch → (summarize, classify via a binding) → send.</summary>
    private static WorkflowDefinition Diamond() => new()
    {
        Name = "weekly-digest",
        Description = "Weekly digest",
        Nodes =
        [
            Node("send", "mail/send", new { to = "team@example.com", body = "{{ steps.summary.output }}" }, "summary", "labels"),
            Node("fetch", "crm/fetch", new { period = "week", limit = 10 }),
            Node("summary", "ai/summarize", new { text = "{{ steps.fetch.output }}" }),
            Node("labels", "ai/classify", null, "fetch"),
        ],
    };

    [Fact]
    public async Task Export_ThenImport_GivesTheSameNodesToolsArgsAndOrder()
    {
        var original = Diamond();

        var export = SeedFormat.Export(original);
        var loaded = await WorkflowLoader.LoadAsync(export.Json!, Catalog);

        Assert.Empty(loaded.Errors);
        Assert.Equal(WorkflowLoadResult.SeedFormat, loaded.Format);
        var imported = loaded.Workflow!;
        Assert.Equal(original.Description, imported.Description);
        Assert.Equal(original.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal), imported.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal));
        foreach (var node in original.Nodes)
        {
            var copy = imported.FindNode(node.Id)!;
            Assert.Equal(node.Tool, copy.Tool);
            Assert.Equal(node.Args is null, copy.Args is null);
            Assert.True(node.Args is null || JsonElement.DeepEquals(node.Args.Value, copy.Args!.Value), node.Id);
        }
        // Every dependency still holds (directly or through the stage before), and the stages are the same.
        var before = WorkflowGraph.Build(original);
        var after = WorkflowGraph.Build(imported);
        foreach (var node in original.Nodes)
        {
            Assert.All(before.DependenciesOf(node.Id), dependency => Assert.Contains(dependency, Ancestors(after, node.Id)));
            Assert.Equal(Depth(before, node.Id), Depth(after, node.Id));
        }
        Assert.Empty(await WorkflowValidator.ValidateAsync(imported, Catalog));
    }

    [Fact]
    public void Export_Diamond_WritesStepsFromTheDependencyDepth()
    {
        using var json = JsonDocument.Parse(SeedFormat.Export(Diamond()).Json!);

        var actions = json.RootElement.GetProperty("orchestration").GetProperty("actions").EnumerateArray()
            .ToDictionary(a => a.GetProperty("action").GetString()!, a => a.GetProperty("step").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["fetch"] = 1, ["summary"] = 2, ["labels"] = 2, ["send"] = 3 }, actions);
        Assert.Equal("Weekly digest", json.RootElement.GetProperty("request").GetString());
    }

    [Fact]
    public void Export_FeaturesWithoutAPlace_AreListedAsDropped()
    {
        var workflow = Diamond() with
        {
            Inputs = new Dictionary<string, WorkflowInput> { ["period"] = new() { Type = "string" } },
            Nodes =
            [
                Node("fetch", "crm/fetch") with { Retry = new RetryPolicy { MaxAttempts = 3 }, TimeoutSeconds = 5 },
                Node("summary", "ai/summarize", null, "fetch") with { Fallback = new FallbackSpec { Tool = "ai/classify" }, When = "{{ inputs.period }}" },
                Node("send", "mail/send", null, "fetch") with { Approval = WorkflowNode.ApprovalRequired, ContinueOnError = true },
                Node("labels", "crm/labels", null, "fetch") with { Cache = new NodeCache { TtlSeconds = 60 } },
            ],
        };

        var dropped = SeedFormat.Export(workflow).Dropped;

        foreach (var feature in new[] { "inputs (period)", "retry on fetch", "timeoutSeconds on fetch", "fallback on summary", "when on summary",
                     "approval on send", "continueOnError on send", "cache on labels" })
        {
            Assert.Contains(dropped, d => d.StartsWith(feature, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Export_OnlyWhatTheFormatCarries_DropsNothing()
    {
        var chain = new WorkflowDefinition
        {
            Name = "chain",
            Nodes = [Node("a", "crm/fetch", new { period = "day" }), Node("b", "ai/summarize", null, "a")],
        };

        Assert.Empty(SeedFormat.Export(chain).Dropped);
    }

    [Fact]
    public void Export_StagesAddDependencies_SaysHowMany()
    {
        var uneven = new WorkflowDefinition
        {
            Name = "uneven",
            Nodes = [Node("a", "crm/fetch"), Node("b", "crm/fetch"), Node("c", "ai/summarize", null, "a")],
        };

        Assert.Contains(SeedFormat.Export(uneven).Dropped, d => d.StartsWith("exact dependencies", StringComparison.Ordinal) && d.Contains("(1 dependencies more", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_Cycle_IsAnErrorNamingIt()
    {
        var cycle = new WorkflowDefinition { Name = "loop", Nodes = [Node("a", "crm/fetch", null, "b"), Node("b", "crm/fetch", null, "a")] };

        var export = SeedFormat.Export(cycle);

        Assert.Null(export.Json);
        Assert.Contains("cycle", export.Error, StringComparison.Ordinal);
    }

    private static HashSet<string> Ancestors(WorkflowGraph graph, string id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(graph.DependenciesOf(id));
        while (stack.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var dependency in graph.DependenciesOf(next))
                {
                    stack.Push(dependency);
                }
            }
        }
        return seen;
    }

    private static int Depth(WorkflowGraph graph, string id) => 1 + graph.DependenciesOf(id).Select(d => Depth(graph, d)).DefaultIfEmpty(0).Max();
}
