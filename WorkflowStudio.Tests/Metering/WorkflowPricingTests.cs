using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Execution;
using static WorkflowStudio.Tests.Execution.Wf;

namespace WorkflowStudio.Tests.Metering;

/// <summary>One pricing model: the price before Run is the price billed after it, on a real engine and its SQLite ledger.</summary>
public sealed class WorkflowPricingTests
{
    private static readonly Dictionary<string, JsonElement> NoInputs = new();

    // Two echoes side by side, then one that joins them: 3 nodes, 2 parallel branches (the "3-step echo workflow").
    private static WorkflowDefinition ThreeEchoes() => Of("three-echoes",
        Node("a", "builtin/echo", """{"value":1}"""),
        Node("b", "builtin/echo", """{"value":2}"""),
        Node("c", "builtin/echo", """{"value":3}""", "a", "b"));

    [Theory]
    [InlineData(PricingTiers.Orchestrated, "0.95")] // 0.50 + 0.10·(3−1) + 0.25·(2−1), no per-call price
    [InlineData(PricingTiers.Simple, "0.03")] // 3 calls × 0.01, no per-run fee
    [InlineData(PricingTiers.Enterprise, "80")] // 50 + 5·2 + 20·1 = 80 (inside 50..500)
    public async Task Estimate_DeterministicWorkflow_EqualsTheRunPriceAndWhatTheLedgerBills(string tier, string expected)
    {
        await using var engine = await EngineFixture.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await engine.Services.GetRequiredService<ITenantDirectory>().EnsureTenantAsync("acme", tier, timeout.Token);
        var runs = engine.Services.GetRequiredService<RunFrontDoor>().For(new TenantId("acme"));
        var pricing = engine.Services.GetRequiredService<IWorkflowPricing>();

        var estimate = pricing.Estimate(ThreeEchoes(), await runs.TierAsync(timeout.Token));
        var started = await runs.StartAsync(new RunStartRequest("user:ann", ThreeEchoes(), NoInputs), timeout.Token);
        var result = await runs.WaitAsync(started.RunId!, cancellationToken: timeout.Token);
        var ledger = engine.Services.GetRequiredService<IUsageLedger>();
        await ledger.RecordRunAsync(started.RunId!, timeout.Token);
        var now = DateTimeOffset.UtcNow;
        var billed = (await ledger.QueryAsync("acme", now.AddDays(-2), now.AddDays(2), timeout.Token)).Sum(l => l.CostUsd);

        Assert.Equal(RunStatus.Success, result!.Status);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), estimate.TotalUsd);
        Assert.False(estimate.TokensAssumed);
        Assert.Equal(estimate.TotalUsd, billed);
        Assert.Equal(estimate, await runs.PriceAsync(started.RunId!, timeout.Token));
        Assert.Equal((estimate.TotalUsd, estimate.RunFeeUsd, estimate.ToolCallsUsd, 0m), (result.PerformanceMetrics.CostUsd,
            result.PerformanceMetrics.RunFeeUsd, result.PerformanceMetrics.ToolCallsCostUsd, result.PerformanceMetrics.TokensCostUsd));
    }

    [Fact]
    public async Task Price_RunThatCalledNothing_CostsNothing_LikeTheLedgerWhichBillsNothing()
    {
        await using var engine = await EngineFixture.StartAsync();
        var pricing = engine.Services.GetRequiredService<IWorkflowPricing>();

        var price = pricing.Price(ThreeEchoes(), PricingTiers.Orchestrated, toolCalls: 0, RunUsage.None);

        Assert.Equal(0m, price.TotalUsd);
    }

    [Fact]
    public async Task Estimate_ModelNode_AssumesATypicalCallAndSaysSo()
    {
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Llm:Prices:gpt-test:InputPerMillion"] = "1",
            ["Llm:Prices:gpt-test:OutputPerMillion"] = "4",
        });
        var pricing = engine.Services.GetRequiredService<IWorkflowPricing>();
        var workflow = Of("ask", Node("ask", "builtin/ai_chat", """{"prompt":"hi"}"""));

        var price = pricing.Estimate(workflow, "simple", new ModelCallGuess("gpt-test", 1500, 500));

        // simple: 1 call × 0.01; tokens 1500 × $1/M + 500 × $4/M
        Assert.Equal((PricingTiers.Simple, 0.01m, 1, 2000L, 0.0035m, true),
            (price.Tier, price.ToolCallsUsd, price.ModelNodes, price.ModelTokens, price.ModelTokensUsd, price.TokensAssumed));
        Assert.Equal(0.0135m, price.TotalUsd);
    }

    [Fact]
    public async Task Price_UnknownTier_PricesWithTheDefaultTier()
    {
        await using var engine = await EngineFixture.StartAsync();
        var pricing = engine.Services.GetRequiredService<IWorkflowPricing>();

        var price = pricing.Price(ThreeEchoes(), "no-such-tier", 3, RunUsage.None);

        Assert.Equal((PricingTiers.Default, 0.95m), (price.Tier, price.TotalUsd));
    }
}
