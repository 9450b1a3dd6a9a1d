namespace WorkflowStudio.Engine.Planning;

/// <summary>
/// Repairs the rest of a run's graph after a node failed for good (retries and fallback exhausted), given what has
/// already succeeded. Implementations never return an invalid workflow.
/// </summary>
public interface IWorkflowReplanner
{
    /// <summary>
    /// A new version of the workflow: every node of <see cref="ReplanRequest.SucceededOutputs"/> unchanged (same id, tool
    /// and args, so its output stays bound), the failed node and the not-yet-run nodes replaced, changed or dropped.
    /// The engine runs <see cref="ReplanResult.PendingNodes"/> and keeps the succeeded outputs.
    /// </summary>
    ValueTask<ReplanResult> ReplanAsync(ReplanRequest request, CancellationToken cancellationToken = default);
}
