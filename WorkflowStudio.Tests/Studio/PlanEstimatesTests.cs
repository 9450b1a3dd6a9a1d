using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Execution;
using WorkflowStudio.Web.Components.Canvas;
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

    [Fact]
    public async Task Estimate_FromTheEnginesEstimator_UsesMeasuredLatenciesAndNamesToolsWithoutHistory()
    {
        await using var engine = await EngineFixture.StartAsync();
        var estimator = engine.Services.GetRequiredService<IPlanEstimator>();
        await engine.RunAsync(Of(Node("warm"))); // one measured builtin/echo call
        var workflow = Of(Node("a"), Node("b", "a"), Node("c", "a") with { Tool = "docs/search" });

        var estimate = PlanEstimates.Estimate(workflow, await estimator.EstimateAsync(workflow), PlanEstimates.HistorySource);

        Assert.Equal(PlanEstimates.HistorySource, estimate.Source);
        Assert.Equal(["docs/search"], estimate.ToolsWithoutHistory);
        Assert.Equal(["a", "c"], estimate.CriticalPath); // the tool without history gets the (larger) default latency
        Assert.Equal(2, estimate.MaxParallelism);
    }

    [Theory]
    [InlineData("planner", "from the planner")]
    [InlineData("history", "from measured tool latencies; no history yet for docs/search, so a default is assumed")]
    [InlineData("estimate", "estimated per tool")]
    public async Task PlanReview_SaysWhereTheNumbersComeFrom(string source, string expected)
    {
        await using var context = ComponentTestContext.Create();
        var review = context.Render<PlanReview>(p => p.Add(c => c.Estimate,
            new PlanEstimate { Source = source, ToolsWithoutHistory = ["docs/search"], CriticalPath = ["a"] }));

        Assert.Equal($"({expected})", review.Find("[data-testid=plan-source]").TextContent.Trim());
    }

    [Fact]
    public async Task PlanReview_WithTheEnginesPrice_ShowsTheFeeCallsAndTokens()
    {
        await using var engine = await EngineFixture.StartAsync();
        var estimator = engine.Services.GetRequiredService<IPlanEstimator>();
        var workflow = Of(Node("a"), Node("b"), Node("c", "a", "b"));
        var metadata = await estimator.EstimateAsync(workflow, WorkflowStudio.Engine.Tenancy.PricingTiers.Simple);
        await using var context = ComponentTestContext.Create();

        var review = context.Render<PlanReview>(p => p.Add(c => c.Estimate, PlanEstimates.Estimate(workflow, metadata, PlanEstimates.HistorySource)));

        // simple_actions: no run fee, 3 calls × $0.01, no model: exactly what the ledger bills (WorkflowPricingTests).
        Assert.Equal("$0.03", review.Find("[data-testid=plan-price-total]").TextContent);
        Assert.Equal(("$0.00", "$0.03", "$0.00"), (review.Find("[data-testid=plan-price-fee]").TextContent,
            review.Find("[data-testid=plan-price-calls]").TextContent, review.Find("[data-testid=plan-price-tokens]").TextContent));
        Assert.Contains("3 tool calls × $0.01", review.Find("[data-testid=plan-price]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("typical call", review.Find("[data-testid=plan-price-note]").TextContent, StringComparison.Ordinal);
    }
}
