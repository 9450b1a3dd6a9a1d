using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Workflows;

public sealed class WorkflowLoaderTests
{
    private readonly InMemoryToolCatalog _catalog = InMemoryToolCatalog.WithBuiltins();

    [Fact]
    public async Task LoadAsync_NodesDocument_ReadsOurFormat()
    {
        var result = await WorkflowLoader.LoadAsync("""{ "name": "a", "nodes": [ { "id": "x", "tool": "builtin/echo" } ] }""", _catalog, CancellationToken.None);

        Assert.Equal(WorkflowLoadResult.WorkflowFormat, result.Format);
        Assert.True(result.Succeeded);
        Assert.Equal("x", result.Workflow!.Nodes[0].Id);
    }

    [Fact]
    public async Task LoadAsync_OrchestrationDocument_ImportsTheSeedFormat()
    {
        var result = await WorkflowLoader.LoadAsync("""{ "request": "Say hi", "orchestration": { "actions": [ { "step": 1, "action": "greet", "tools": ["echo"] } ] } }""", _catalog, CancellationToken.None);

        Assert.Equal(WorkflowLoadResult.SeedFormat, result.Format);
        Assert.Equal("builtin/echo", Assert.Single(result.Workflow!.Nodes).Tool);
    }

    [Theory]
    [InlineData("""{ "name": "a" }""", "$: not a workflow: expected a 'nodes' array")]
    [InlineData("""[1, 2]""", "$: expected a JSON object (a workflow), got array of 2 item(s)")]
    [InlineData("""{ "nodes": [], "orchestration": {} }""", "$: the document has both 'nodes' (workflow format) and 'orchestration' (seed format); keep one")]
    [InlineData("""{ "nodes": [ """, "$: invalid JSON at line 1, column 14: the document ends before every '{' or '[' is closed")]
    public async Task LoadAsync_UnrecognisedDocument_ExplainsWhatIsExpected(string json, string expected)
    {
        var result = await WorkflowLoader.LoadAsync(json, _catalog, CancellationToken.None);

        Assert.Null(result.Workflow);
        Assert.Equal(WorkflowLoadResult.UnknownFormat, result.Format);
        Assert.StartsWith(expected, Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
    }
}
