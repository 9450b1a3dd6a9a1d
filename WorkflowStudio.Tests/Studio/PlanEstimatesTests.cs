using System.Text.Json;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Studio;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;

namespace WorkflowStudio.Tests.Studio;

public sealed class PlanEstimatesTests
{
    private static WorkflowNode Delay(string id, int ms, params string[] dependsOn) =>
        new() { Id = id, Tool = "builtin/delay", Args = JsonSerializer.SerializeToElement(new { milliseconds = ms }), DependsOn = dependsOn };

    [Fact]
    public void Estimate_UnevenDiamond_CriticalPathFollowsTheSlowBranch()
    {
        var workflow = Of(Delay("a", 100), Delay("fast", 50, "a"), Delay("slow", 900, "a"), Delay("end", 10, "fast", "slow"));

        var estimate = PlanEstimates.Estimate(workflow);

        Assert.Equal(["a", "slow", "end"], estimate.CriticalPath);
        Assert.Equal(1010, estimate.EstimatedDurationMs);
        Assert.Equal(2, estimate.MaxParallelism);
        Assert.Equal(4, estimate.ToolCalls);
        Assert.Equal(PlanEstimates.EstimateSource, estimate.Source);
    }

    [Fact]
    public void Estimate_WithPlannerMetadata_UsesThePlannersNumbers()
    {
        var metadata = new PlanMetadata { EstimatedDurationMs = 4200, CriticalPath = ["b"], MaxParallelism = 3, ToolCalls = 2, EstimatedCostUsd = 0.01m };

        var estimate = PlanEstimates.Estimate(Diamond(), metadata);

        Assert.Equal((4200.0, 3, 0.01m, PlanEstimates.PlannerSource), (estimate.EstimatedDurationMs, estimate.MaxParallelism, estimate.EstimatedCostUsd, estimate.Source));
    }

    [Fact]
    public void Estimate_Cycle_GivesNoCriticalPath() =>
        Assert.Empty(PlanEstimates.Estimate(Of(Node("a", "b"), Node("b", "a"))).CriticalPath);
}
