using System.Text.Json;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Execution;

namespace WorkflowStudio.Engine.Runs;

/// <summary>Starts runs of validated workflows and reports on them.</summary>
public interface IRunCoordinator
{
    /// <summary>
    /// Journals the run and its nodes, then dispatches the nodes that depend on nothing. Returns the run id.
    /// The run belongs to <paramref name="tenantId"/> (<c>default</c> when null).
    /// </summary>
    ValueTask<string> StartAsync(WorkflowDefinition workflow, IReadOnlyDictionary<string, JsonElement> inputs, string? workflowId = null,
        string? tenantId = null, CancellationToken cancellationToken = default);

    /// <summary>Waits for the run to finish (events, not polling) and returns its result.</summary>
    ValueTask<RunResult> WaitAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The result so far, or null for an unknown run.</summary>
    ValueTask<RunResult?> GetResultAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Skips the run's pending nodes and cancels its running tool calls, in whichever process runs them. False when the run is unknown or finished.</summary>
    ValueTask<bool> CancelAsync(string runId, string reason = "the run was cancelled", CancellationToken cancellationToken = default);

    /// <summary>Approves a node waiting for approval: it is queued and runs. Throws <see cref="ApprovalException"/> when it is not waiting.</summary>
    ValueTask ApproveAsync(string runId, string nodeId, string approvedBy, CancellationToken cancellationToken = default);

    /// <summary>Rejects a waiting node: it and its dependants are skipped with the reason. Throws <see cref="ApprovalException"/> when it is not waiting.</summary>
    ValueTask RejectAsync(string runId, string nodeId, string rejectedBy, string reason, CancellationToken cancellationToken = default);
}
