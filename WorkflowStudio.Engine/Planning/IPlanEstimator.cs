using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning;

/// <summary>Computes <see cref="PlanMetadata"/> for any workflow (planned or hand-written) before it runs.</summary>
public interface IPlanEstimator
{
    /// <summary>The workflow must be acyclic (validated). Priced with <see cref="PricingTiers.Default"/>.</summary>
    ValueTask<PlanMetadata> EstimateAsync(WorkflowDefinition workflow, CancellationToken cancellationToken = default) =>
        EstimateAsync(workflow, PricingTiers.Default, cancellationToken);

    /// <summary>The workflow must be acyclic (validated). Priced with <paramref name="tier"/> (see <see cref="IWorkflowPricing.Estimate"/>).</summary>
    ValueTask<PlanMetadata> EstimateAsync(WorkflowDefinition workflow, string tier, CancellationToken cancellationToken = default);
}
