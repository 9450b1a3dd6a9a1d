using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Metering;

/// <summary>
/// Prices runs with the tiers of <see cref="PricingOptions"/> and the model prices of <see cref="IModelPriceTable"/>.
/// Each part is rounded to the micro-USD the ledger stores, so a sum of these prices equals a sum of billed rows.
/// </summary>
internal sealed class WorkflowPricing : IWorkflowPricing
{
    private readonly PricingOptions _pricing;
    private readonly IModelPriceTable _models;

    public WorkflowPricing(IOptions<PricingOptions> pricing, IModelPriceTable models)
    {
        _pricing = pricing.Value;
        _models = models;
    }

    public RunPrice Estimate(WorkflowDefinition workflow, string? tier, ModelCallGuess? modelCall = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var modelNodes = ModelNodes(workflow);
        var tokens = modelCall is null
            ? RunUsage.None
            : new RunUsage
            {
                Calls = modelNodes,
                InputTokens = modelNodes * modelCall.InputTokens,
                OutputTokens = modelNodes * modelCall.OutputTokens,
                // One usage record per model call, each rounded to micro-USD as the recorder stores it.
                CostUsd = modelNodes * Micro(_models.Price(modelCall.Model, modelCall.InputTokens, modelCall.OutputTokens)),
            };
        return Price(workflow, tier, workflow.Nodes.Count, tokens) with { TokensAssumed = modelNodes > 0 };
    }

    public RunPrice Price(WorkflowDefinition? workflow, string? tier, int toolCalls, RunUsage tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var name = PricingTiers.Canonical(tier) ?? PricingTiers.Default;
        var prices = _pricing.For(name);
        var fee = toolCalls <= 0 ? 0m
            : workflow is null ? prices.MinUsd
            : prices.PriceRun(WorkflowComplexity.Of(workflow, _pricing.LlmTools));
        return new RunPrice
        {
            Tier = name,
            RunFeeUsd = Micro(fee),
            ToolCalls = Math.Max(0, toolCalls),
            PerCallUsd = Micro(prices.PerCallUsd),
            ModelNodes = workflow is null ? 0 : ModelNodes(workflow),
            ModelTokens = tokens.Tokens,
            ModelTokensUsd = Micro(tokens.CostUsd),
        };
    }

    private int ModelNodes(WorkflowDefinition workflow)
    {
        var llm = _pricing.LlmTools.ToHashSet(StringComparer.Ordinal);
        return workflow.Nodes.Count(n => llm.Contains(n.Tool));
    }

    /// <summary>Rounded to whole micro-USD, as <c>billing_records</c> and <c>usage_records</c> store it.</summary>
    internal static decimal Micro(decimal usd) => decimal.Round(usd * 1_000_000m, MidpointRounding.AwayFromZero) / 1_000_000m;
}
