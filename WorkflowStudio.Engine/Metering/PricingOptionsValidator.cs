using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Engine.Metering;

/// <summary>Every tier is configured with sane ranges; messages say which key to fix.</summary>
internal sealed class PricingOptionsValidator : IValidateOptions<PricingOptions>
{
    public ValidateOptionsResult Validate(string? name, PricingOptions options)
    {
        var errors = new List<string>();
        foreach (var tier in PricingTiers.All)
        {
            if (!options.Tiers.TryGetValue(tier, out var prices))
            {
                errors.Add($"Pricing:Tiers:{tier} is missing; every tier needs prices.");
                continue;
            }
            if (prices.MaxUsd < prices.MinUsd)
            {
                errors.Add($"Pricing:Tiers:{tier}: MaxUsd ({prices.MaxUsd}) is below MinUsd ({prices.MinUsd}); raise MaxUsd.");
            }
            if (prices.PerCallUsd < 0 || prices.BaseUsd < 0 || prices.PerNodeUsd < 0 || prices.PerBranchUsd < 0 || prices.PerLlmNodeUsd < 0
                || prices.MonthlyRuns < 0 || prices.MonthlyToolCalls < 0 || prices.MonthlySpendLimitUsd < 0)
            {
                errors.Add($"Pricing:Tiers:{tier}: prices and quotas cannot be negative (0 means free or unlimited).");
            }
        }
        foreach (var key in options.Tiers.Keys.Where(k => !PricingTiers.All.Contains(k)))
        {
            errors.Add($"Pricing:Tiers:{key} is not a tier; use {string.Join(", ", PricingTiers.All)}.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
