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

    [Fact]
    public void Compute_ArgumentsChanged_ListsEachArgumentOldAndNew()
    {
        var before = Parse("""{ "name": "w", "nodes": [ { "id": "a", "tool": "s/x", "args": { "amount": 10, "keep": "same", "gone": true } } ] }""");
        var after = Parse("""{ "name": "w", "nodes": [ { "id": "a", "tool": "s/x", "args": { "amount": 25, "keep": "same", "new": { "n": 1 } } } ] }""");

        var change = Assert.Single(WorkflowDiff.Compute(before, after).Changed);

        Assert.Equal(["amount", "gone", "new"], change.Arguments.Select(a => a.Name));
        Assert.Equal("10", change.Arguments[0].Before!.Value.GetRawText());
        Assert.Equal("25", change.Arguments[0].After!.Value.GetRawText());
        Assert.Null(change.Arguments[1].After);
        Assert.Null(change.Arguments[2].Before);
        Assert.Equal(1, change.Arguments[2].After!.Value.GetProperty("n").GetInt32());
    }

    [Fact]
    public void Compute_EdgesFromDependsOnAndBindings_AreAddedAndRemoved()
    {
        var before = Parse("""{ "name": "w", "nodes": [ { "id": "a", "tool": "s/x" }, { "id": "b", "tool": "s/y", "dependsOn": ["a"] }, { "id": "c", "tool": "s/z" } ] }""");
        var after = Parse("""{ "name": "w", "nodes": [ { "id": "a", "tool": "s/x" }, { "id": "b", "tool": "s/y" }, { "id": "c", "tool": "s/z", "args": { "v": "{{ steps.b.output }}" } } ] }""");

        var diff = WorkflowDiff.Compute(before, after);

        Assert.Equal([new EdgeChange("b", "c")], diff.AddedEdges);
        Assert.Equal([new EdgeChange("a", "b")], diff.RemovedEdges);
        Assert.False(diff.IsEmpty);
    }

    [Fact]
    public void Compute_ApprovalChanged_IsAChangedField()
    {
        var before = Parse("""{ "name": "w", "nodes": [ { "id": "a", "tool": "s/x" } ] }""");
        var after = Parse("""{ "name": "w", "nodes": [ { "id": "a", "tool": "s/x", "approval": "required" } ] }""");

        Assert.Equal(["approval"], Assert.Single(WorkflowDiff.Compute(before, after).Changed).Fields);
    }

    [Fact]
    public void Compute_CacheChanged_IsAChangedField()
    {
        var before = Parse("""{ "name": "w", "nodes": [ { "id": "a", "tool": "s/x", "cache": { "ttlSeconds": 60 } } ] }""");
        var after = Parse("""{ "name": "w", "nodes": [ { "id": "a", "tool": "s/x", "cache": { "ttlSeconds": 120 } } ] }""");

        Assert.Equal(["cache"], Assert.Single(WorkflowDiff.Compute(before, after).Changed).Fields);
    }
}
