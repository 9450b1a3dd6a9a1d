using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Planning;

public sealed class WorkflowDiffTests
{
    private static WorkflowDefinition Parse(string json) => WorkflowJson.Parse(json).Workflow!;

    [Fact]
    public void Compute_AddedRemovedAndChangedNodes_AreListedWithTheirFields()
    {
        var before = Parse("""{ "name": "w", "nodes": [ { "id": "a", "tool": "s/x", "args": { "n": 1 } }, { "id": "b", "tool": "s/y" }, { "id": "c", "tool": "s/z" } ] }""");
        var after = Parse("""{ "name": "w", "nodes": [ { "id": "a", "tool": "s/x", "args": { "n": 2 }, "retry": { "maxAttempts": 3 } }, { "id": "c", "tool": "s/z" }, { "id": "d", "tool": "s/y", "dependsOn": ["a"] } ] }""");

        var diff = WorkflowDiff.Compute(before, after);

        Assert.Equal(["d"], diff.Added);
        Assert.Equal(["b"], diff.Removed);
        var change = Assert.Single(diff.Changed);
        Assert.Equal("a", change.Id);
        Assert.Equal(["args", "retry"], change.Fields);
        Assert.Equal("+1 added (d), -1 removed (b), ~1 changed (a: args, retry)", diff.ToString());
    }

    [Fact]
    public void Compute_SameWorkflow_IsEmpty()
    {
        var workflow = Parse("""{ "name": "w", "nodes": [ { "id": "a", "tool": "s/x", "args": { "n": { "deep": [1, 2] } } } ] }""");

        var diff = WorkflowDiff.Compute(workflow, Parse(WorkflowJson.Serialize(workflow)));

        Assert.True(diff.IsEmpty);
        Assert.Equal("no changes", diff.ToString());
    }
}
