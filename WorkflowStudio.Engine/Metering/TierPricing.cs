using System.ComponentModel.DataAnnotations;

namespace WorkflowStudio.Engine.Metering;

/// <summary>
/// One tier's prices and monthly quotas (configuration <c>Pricing:Tiers:TIER</c>). A run costs
/// <c>clamp(BaseUsd + PerNodeUsd·(nodes−1) + PerBranchUsd·(width−1) + PerLlmNodeUsd·llmNodes, MinUsd, MaxUsd)</c>;
/// each tool call costs <see cref="PerCallUsd"/>. Quotas of 0 mean unlimited.
/// </summary>
public sealed class TierPricing
{
    [Range(0, 1000)] public decimal PerCallUsd { get; set; }
    [Range(0, 100000)] public decimal BaseUsd { get; set; }
    [Range(0, 100000)] public decimal PerNodeUsd { get; set; }
    [Range(0, 100000)] public decimal PerBranchUsd { get; set; }
    [Range(0, 100000)] public decimal PerLlmNodeUsd { get; set; }
    [Range(0, 100000)] public decimal MinUsd { get; set; }
    [Range(0, 100000)] public decimal MaxUsd { get; set; }

    /// <summary>Workflow runs a tenant may start per calendar month (UTC); over it requests get 429.</summary>
    [Range(0, int.MaxValue)] public int MonthlyRuns { get; set; }

    /// <summary>Tool calls per calendar month (UTC); over it requests get 429.</summary>
    [Range(0, int.MaxValue)] public int MonthlyToolCalls { get; set; }

    /// <summary>The plan's spend per calendar month in USD; once reached requests get 402 until it resets or the plan changes.</summary>
    [Range(0, 10_000_000)] public decimal MonthlySpendLimitUsd { get; set; }

    /// <summary>The price of a run of the given shape under this tier.</summary>
    public decimal PriceRun(WorkflowComplexity complexity)
    {
        ArgumentNullException.ThrowIfNull(complexity);
        if (BaseUsd == 0 && PerNodeUsd == 0 && PerBranchUsd == 0 && PerLlmNodeUsd == 0)
        {
            return 0;
        }
        var raw = BaseUsd + PerNodeUsd * Math.Max(0, complexity.Nodes - 1) + PerBranchUsd * Math.Max(0, complexity.ParallelBranches - 1)
            + PerLlmNodeUsd * complexity.LlmNodes;
        return Math.Clamp(decimal.Round(raw, 2), MinUsd, Math.Max(MinUsd, MaxUsd));
    }
}
