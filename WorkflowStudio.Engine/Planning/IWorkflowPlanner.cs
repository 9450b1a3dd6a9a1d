namespace WorkflowStudio.Engine.Planning;

/// <summary>Turns a request into a validated workflow. Implementations never return an invalid plan.</summary>
public interface IWorkflowPlanner
{
    /// <summary>Plans a workflow; <see cref="PlanResult.Workflow"/> is null when no valid plan could be made (see <see cref="PlanResult.Errors"/>).</summary>
    ValueTask<PlanResult> PlanAsync(PlanRequest request, CancellationToken cancellationToken = default);
}
