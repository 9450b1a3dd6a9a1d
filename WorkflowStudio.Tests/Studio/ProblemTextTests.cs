using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Tests.Studio;

public sealed class ProblemTextTests
{
    private static readonly WorkflowDefinition Workflow = WorkflowJson.Parse(
        """{ "name": "w", "nodes": [ { "id": "fetch", "tool": "builtin/echo" }, { "id": "sum", "tool": "builtin/echo" } ] }""").Workflow!;

    [Theory]
    [InlineData("$.nodes[0].tool", "node 'fetch', field tool")]
    [InlineData("$.nodes[1].args.limit", "node 'sum', field args.limit")]
    [InlineData("$.nodes[1].args[\"a b\"]", "node 'sum', field args.a b")]
    [InlineData("$.nodes[1].dependsOn[0]", "node 'sum', field dependsOn item 1")]
    [InlineData("$.nodes[1]", "node 'sum'")]
    [InlineData("$.nodes[7].id", "node 8, field id")]
    [InlineData("$.inputs.period", "field inputs.period")]
    [InlineData("$", "workflow")]
    public void Where_JsonPath_ReadsAsWords(string path, string expected) =>
        Assert.Equal(expected, ProblemText.Where(Workflow, path));

    [Fact]
    public void Of_CommandLineHint_PointsToTheToolsPage() =>
        Assert.Equal("node 'fetch', field tool: unknown tool 'x' (it has 12 tools; the Tools page lists them)",
            ProblemText.Of(Workflow, new ValidationError("$.nodes[0].tool", "unknown tool 'x' (it has 12 tools; run 'studio tools' to list them)")));
}
