using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning;

/// <summary>Computes <see cref="PlanMetadata"/> for any workflow (planned or hand-written) before it runs.</summary>
public interface IPlanEstimator
{
    /// <summary>The workflow must be acyclic (validated).</summary>
    ValueTask<PlanMetadata> EstimateAsync(WorkflowDefinition workflow, CancellationToken cancellationToken = default);
}
