using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Studio;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;

namespace WorkflowStudio.Tests.Studio;

public sealed class LayeredLayoutTests
{
    [Fact]
    public void Compute_Chain_PlacesEachStepOneLayerRightOnOneRow()
    {
        var positions = LayeredLayout.Compute(Of(Node("a"), Node("b", "a"), Node("c", "b")));

        Assert.Equal([0, 1, 2], new[] { "a", "b", "c" }.Select(id => positions[id].Layer));
        Assert.True(positions["a"].X < positions["b"].X && positions["b"].X < positions["c"].X);
        Assert.Single(positions.Values.Select(p => p.Y).Distinct());
    }

    [Fact]
    public void Compute_Diamond_PutsBranchesInOneLayerAndCentresTheEnds()
    {
        var positions = LayeredLayout.Compute(Diamond());

        Assert.Equal(1, positions["b"].Layer);
        Assert.Equal(1, positions["c"].Layer);
        Assert.Equal(2, positions["d"].Layer);
        Assert.NotEqual(positions["b"].Y, positions["c"].Y);
        var middle = (positions["b"].Y + positions["c"].Y) / 2;
        Assert.Equal(middle, positions["a"].Y);
        Assert.Equal(middle, positions["d"].Y);
    }

    [Fact]
    public void Compute_ImplicitBindingDependency_CountsAsALink()
    {
        var workflow = Of(Node("a"), Node("b") with { Args = System.Text.Json.JsonSerializer.SerializeToElement(new { value = "{{ steps.a.output }}" }) });

        var positions = LayeredLayout.Compute(workflow);

        Assert.Equal(1, positions["b"].Layer);
    }

    [Fact]
    public void Compute_LargeDag_EveryLinkPointsRightAndNoTwoNodesOverlap()
    {
        var workflow = Layered(30, 10);
        var options = LayoutOptions.Default;

        var positions = LayeredLayout.Compute(workflow, options);

        Assert.Equal(300, positions.Count);
        var graph = WorkflowGraph.Build(workflow);
        foreach (var node in workflow.Nodes)
        {
            Assert.All(graph.DependenciesOf(node.Id), dep => Assert.True(positions[dep].X + options.NodeWidth < positions[node.Id].X));
        }
        var cells = positions.Values.Select(p => (p.X, p.Y)).ToArray();
        Assert.Equal(cells.Length, cells.Distinct().Count());
    }

    [Fact]
    public void Compute_Cycle_DoesNotThrowAndPlacesEveryNode()
    {
        var positions = LayeredLayout.Compute(Of(Node("a", "b"), Node("b", "a"), Node("c")));

        Assert.Equal(3, positions.Count);
    }

    [Fact]
    public void Compute_Empty_ReturnsNoPositions() => Assert.Empty(LayeredLayout.Compute(Of()));

    [Fact]
    public void Compute_SameInput_SameOutput() =>
        Assert.Equal(LayeredLayout.Compute(Layered(5, 4)), LayeredLayout.Compute(Layered(5, 4)));

    [Fact]
    public void Compute_CrossedDefinitionOrder_BarycenterUncrossesTheLinks()
    {
        // a1 → b2 and a2 → b1 declared in crossing order: the sweep puts b2 on a1's row.
        var positions = LayeredLayout.Compute(Of(Node("a1"), Node("a2"), Node("b1", "a2"), Node("b2", "a1")));

        Assert.Equal(positions["a1"].Row, positions["b2"].Row);
        Assert.Equal(positions["a2"].Row, positions["b1"].Row);
    }
}
