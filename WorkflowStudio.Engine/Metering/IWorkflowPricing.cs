using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Metering;

/// <summary>
/// The one pricing model (docs/usage.md): a run costs the tier's per-run fee by the workflow's shape
/// (<see cref="TierPricing.PriceRun"/>), plus tool calls × the tier's per-call price, plus the model tokens it used.
/// The plan review, the studio's run bar, the run page, <c>/usage</c>, the usage ledger and the API all price with it.
/// </summary>
public interface IWorkflowPricing
{
    /// <summary>
    /// Before Run: every node called once; model nodes at <paramref name="modelCall"/> each (tokens assumed), or no
    /// tokens when there is no guess. A null or unknown <paramref name="tier"/> prices with <see cref="PricingTiers.Default"/>.
    /// </summary>
    RunPrice Estimate(WorkflowDefinition workflow, string? tier, ModelCallGuess? modelCall = null);

    /// <summary>
    /// A run so far or finished: <paramref name="toolCalls"/> nodes attempted and the <paramref name="tokens"/> recorded
    /// for it. The ledger bills exactly this. A null <paramref name="workflow"/> (unreadable definition) costs the tier's minimum fee.
    /// </summary>
    RunPrice Price(WorkflowDefinition? workflow, string? tier, int toolCalls, RunUsage tokens);
}
