using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Planning;

/// <summary>Token usage in the real SQLite table, priced from the configured table.</summary>
public sealed class UsageRecorderTests
{
    private static readonly Dictionary<string, string?> Prices = new()
    {
        ["Llm:Prices:gpt-4o-mini:InputPerMillion"] = "0.15",
        ["Llm:Prices:gpt-4o-mini:OutputPerMillion"] = "0.60",
        ["Llm:Prices:gpt-4o:InputPerMillion"] = "2.50",
        ["Llm:Prices:gpt-4o:OutputPerMillion"] = "10",
    };

    [Fact]
    public async Task GetRunUsageAsync_SumsPlanningAttachedToTheRunAndLaterCalls()
    {
        await using var host = await PlanningHost.StartAsync(new StaticToolCatalog([]), new StaticTemplateCatalog([]), Prices);
        var recorder = host.Services.GetRequiredService<IUsageRecorder>();

        await recorder.RecordAsync(new ChatUsage { Purpose = UsagePurpose.Planning, PlanId = "p1", Model = "gpt-4o", InputTokens = 1_000_000, OutputTokens = 100_000 });
        await recorder.RecordAsync(new ChatUsage { Purpose = UsagePurpose.Repair, PlanId = "p1", Model = "gpt-4o", InputTokens = 1000, OutputTokens = 0 });
        await recorder.RecordAsync(new ChatUsage { Purpose = UsagePurpose.Planning, PlanId = "other", Model = "gpt-4o", InputTokens = 5, OutputTokens = 5 });
        await recorder.AttachPlanToRunAsync("p1", "r1");
        await recorder.RecordAsync(new ChatUsage { Purpose = UsagePurpose.Node, RunId = "r1", NodeId = "chat", Model = "gpt-4o-mini-2024-07-18", InputTokens = 2000, OutputTokens = 1000 });
        await recorder.RecordAsync(new ChatUsage { Purpose = UsagePurpose.Synthesis, RunId = "r1", Model = "unpriced-model", InputTokens = 10, OutputTokens = 10 });

        var usage = await recorder.GetRunUsageAsync("r1");

        Assert.Equal(4, usage.Calls);
        Assert.Equal(1_003_010, usage.InputTokens);
        Assert.Equal(101_010, usage.OutputTokens);
        // gpt-4o: 2.50 + 1.00 + 0.0025; gpt-4o-mini (dated variant): 0.0003 + 0.0006; unpriced: 0
        Assert.Equal(3.5034m, usage.CostUsd);
        Assert.Equal(RunUsage.None with { }, await recorder.GetRunUsageAsync("nothing"));
    }

    [Fact]
    public void PriceTable_LongestConfiguredPrefixWins()
    {
        var table = new ModelPriceTable(Microsoft.Extensions.Options.Options.Create(new Engine.Planning.LlmOptions
        {
            Prices = new(StringComparer.OrdinalIgnoreCase)
            {
                ["gpt-4o"] = new ModelPrice { InputPerMillion = 2.5m, OutputPerMillion = 10m },
                ["gpt-4o-mini"] = new ModelPrice { InputPerMillion = 0.15m, OutputPerMillion = 0.6m },
            },
        }));

        Assert.Equal(0.15m, table.Price("GPT-4o-mini-2024-07-18", 1_000_000, 0));
        Assert.Equal(10m, table.Price("gpt-4o-2024-08-06", 0, 1_000_000));
        Assert.False(table.HasPrice("llama3"));
        Assert.Equal(0m, table.Price(null, 10, 10));
    }
}
