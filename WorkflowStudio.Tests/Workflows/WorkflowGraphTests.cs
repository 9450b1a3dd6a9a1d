using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Workflows;

public sealed class WorkflowGraphTests
{
    private static WorkflowGraph Graph(string nodes) => WorkflowGraph.Build(WorkflowJson.Parse($$"""{ "name": "g", "nodes": [ {{nodes}} ] }""").Workflow!);

    private const string Diamond = """
        { "id": "a", "tool": "s/t" },
        { "id": "b", "tool": "s/t", "dependsOn": ["a"] },
        { "id": "c", "tool": "s/t", "args": { "x": "{{ steps.a.output.rows[0] }}" } },
        { "id": "d", "tool": "s/t", "dependsOn": ["a"] },
        { "id": "e", "tool": "s/t", "dependsOn": ["b", "d"], "when": "{{ steps.c.status }}" }
        """;

    [Fact]
    public void Build_BindingsToSteps_AddImplicitDependencies()
    {
        var graph = Graph(Diamond);

        Assert.Equal(["a"], graph.DependenciesOf("c"));
        Assert.Equal(["b", "d", "c"], graph.DependenciesOf("e"));
        Assert.Equal(["b", "c", "d"], graph.DependantsOf("a"));
        Assert.Equal(["a"], graph.Roots);
    }

    [Fact]
    public void Build_UnknownAndSelfDependencies_AreIgnored() =>
        Assert.Empty(Graph("""{ "id": "a", "tool": "s/t", "dependsOn": ["a", "ghost"], "args": { "v": "{{ steps.nobody.output }}" } }""").DependenciesOf("a"));

    [Fact]
    public void TopologicalOrder_Diamond_PutsEveryNodeAfterItsDependencies() =>
        Assert.Equal(["a", "b", "c", "d", "e"], Graph(Diamond).TopologicalOrder());

    [Fact]
    public void TopologicalOrder_Cycle_ReturnsNull() =>
        Assert.Null(Graph("""{ "id": "a", "tool": "s/t", "dependsOn": ["b"] }, { "id": "b", "tool": "s/t", "dependsOn": ["a"] }""").TopologicalOrder());

    [Theory]
    [InlineData("""{ "id": "a", "tool": "s/t", "dependsOn": ["b"] }, { "id": "b", "tool": "s/t", "dependsOn": ["a"] }""", "a -> b -> a")]
    [InlineData("""{ "id": "a", "tool": "s/t", "dependsOn": ["c"] }, { "id": "b", "tool": "s/t", "dependsOn": ["a"] }, { "id": "c", "tool": "s/t", "dependsOn": ["b"] }""", "a -> b -> c -> a")]
    [InlineData("""{ "id": "root", "tool": "s/t" }, { "id": "x", "tool": "s/t", "dependsOn": ["root", "y"] }, { "id": "y", "tool": "s/t", "args": { "v": "{{ steps.x.output }}" } }""", "x -> y -> x")]
    public void FindCycle_Cycle_ListsItInExecutionOrder(string nodes, string expected) =>
        Assert.Equal(expected, string.Join(" -> ", Graph(nodes).FindCycle()!));

    [Fact]
    public void FindCycle_Acyclic_ReturnsNull() => Assert.Null(Graph(Diamond).FindCycle());

    [Fact]
    public void FindCycle_LongChain_DoesNotExhaustTheStack()
    {
        var nodes = Enumerable.Range(0, WorkflowLimits.MaxNodes)
            .Select(i => new WorkflowNode { Id = $"n{i}", Tool = "s/t", DependsOn = i == 0 ? [$"n{WorkflowLimits.MaxNodes - 1}"] : [$"n{i - 1}"] })
            .ToList();
        var graph = WorkflowGraph.Build(new WorkflowDefinition { Name = "chain", Nodes = nodes });

        Assert.Equal(WorkflowLimits.MaxNodes + 1, graph.FindCycle()!.Count);
    }

    [Fact]
    public void CriticalPath_UnevenDiamond_FollowsTheLongestBranch()
    {
        var durations = new Dictionary<string, double> { ["a"] = 1, ["b"] = 1, ["c"] = 3, ["d"] = 2, ["e"] = 1 };

        var (length, path) = Graph(Diamond).CriticalPath(id => TimeSpan.FromSeconds(durations[id]));

        Assert.Equal(TimeSpan.FromSeconds(5), length);
        Assert.Equal(["a", "c", "e"], path);
    }

    [Fact]
    public void CriticalPath_Cycle_Throws() =>
        Assert.Throws<InvalidOperationException>(() =>
            Graph("""{ "id": "a", "tool": "s/t", "dependsOn": ["b"] }, { "id": "b", "tool": "s/t", "dependsOn": ["a"] }""").CriticalPath(_ => TimeSpan.Zero));
}
