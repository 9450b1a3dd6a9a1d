using WorkflowStudio.Engine.Tenancy;
namespace WorkflowStudio.Engine.Metering;

/// <summary>Prices and quotas per tier (configuration section <c>Pricing</c>); defaults are the seed's prices.</summary>
public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>Tools counted as LLM use in the complexity formula (besides any node that used tokens).</summary>
    public IList<string> LlmTools { get; } = ["builtin/ai_chat"];

    public Dictionary<string, TierPricing> Tiers { get; } = new(StringComparer.Ordinal)
    {
        [PricingTiers.Simple] = new() { PerCallUsd = 0.01m, MonthlyToolCalls = 100_000, MonthlySpendLimitUsd = 1_000m },
        [PricingTiers.Orchestrated] = new()
        {
            BaseUsd = 0.50m, PerNodeUsd = 0.10m, PerBranchUsd = 0.25m, PerLlmNodeUsd = 0.50m, MinUsd = 0.50m, MaxUsd = 5.00m,
            MonthlyRuns = 10_000, MonthlySpendLimitUsd = 10_000m,
        },
        [PricingTiers.Enterprise] = new()
        {
            BaseUsd = 50m, PerNodeUsd = 5m, PerBranchUsd = 20m, PerLlmNodeUsd = 25m, MinUsd = 50m, MaxUsd = 500m,
            MonthlyRuns = 5_000, MonthlySpendLimitUsd = 1_000_000m,
        },
    };

    public TierPricing For(string tier) =>
        Tiers.TryGetValue(PricingTiers.Canonical(tier) ?? tier, out var pricing)
            ? pricing
            : throw new KeyNotFoundException($"No prices for tier '{tier}'; configure Pricing:Tiers:{tier} or use one of {string.Join(", ", Tiers.Keys)}.");
}
