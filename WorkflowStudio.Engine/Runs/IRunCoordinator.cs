using System.Text.Json;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Execution;

namespace WorkflowStudio.Engine.Runs;

/// <summary>Starts runs of validated workflows and reports on them.</summary>
public interface IRunCoordinator
{
    /// <summary>
    /// Journals the run and its nodes, then dispatches the nodes that depend on nothing. Returns the run id.
    /// The run belongs to <paramref name="tenant"/>. Checks nothing else: quotas, idempotency and the audit log are the
    /// starter's (<c>TenantRuns.StartAsync</c>), the one way every surface starts runs.
    /// <paramref name="actor"/> (the audit log's name for who asked) is journaled on the run with its <see cref="RunOrigin"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is <see cref="TenantId.None"/>.</exception>
    ValueTask<string> StartAsync(WorkflowDefinition workflow, IReadOnlyDictionary<string, JsonElement> inputs, TenantId tenant, string? workflowId = null,
        string? actor = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The one wait: until the run finishes (or, with <see cref="RunWaitUntil.FinishedOrAwaitingApproval"/>, until a node
    /// waits for a person), driven by the run's events and re-checking the store every <see cref="RunWaiting.Recheck"/>.
    /// Reports nodes done of nodes to <paramref name="progress"/> as their events arrive. Returns the result (so far).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No run has the id.</exception>
    ValueTask<RunResult> WaitAsync(string runId, RunWaitUntil until = RunWaitUntil.Finished, IProgress<RunProgress>? progress = null,
        CancellationToken cancellationToken = default);

    /// <summary>The result so far, or null for an unknown run.</summary>
    ValueTask<RunResult?> GetResultAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Skips the run's pending nodes and cancels its running tool calls, in whichever process runs them. False when the run is unknown or finished.</summary>
    ValueTask<bool> CancelAsync(string runId, string reason = "the run was cancelled", CancellationToken cancellationToken = default);

    /// <summary>
    /// Approves a node waiting for approval: it is queued and runs, with <paramref name="args"/> (edited by the approver, kept
    /// with the decision) instead of its bound arguments when given. Throws <see cref="ApprovalException"/> when it is not
    /// waiting, <see cref="ApprovalArgumentsException"/> when the edited arguments do not fit the tool's input schema.
    /// </summary>
    ValueTask ApproveAsync(string runId, string nodeId, string approvedBy, System.Text.Json.JsonElement? args = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Answers the question a node's tool server asked a person (accept with content, decline, cancel); the answer goes to the
    /// server. Throws <see cref="ApprovalException"/> when the node waits for no answer, <see cref="InputAnswerException"/> when
    /// the content does not fit the form.
    /// </summary>
    ValueTask AnswerInputAsync(string runId, string nodeId, string answeredBy, Tools.ToolInputAnswer answer, CancellationToken cancellationToken = default);

    /// <summary>Rejects a waiting node: it and its dependants are skipped with the reason. Throws <see cref="ApprovalException"/> when it is not waiting.</summary>
    ValueTask RejectAsync(string runId, string nodeId, string rejectedBy, string reason, CancellationToken cancellationToken = default);
}
