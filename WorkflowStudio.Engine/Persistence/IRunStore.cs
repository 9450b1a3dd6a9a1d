namespace WorkflowStudio.Engine.Persistence;

/// <summary>The run journal. Every state change is guarded so that it happens once even with many workers.</summary>
public interface IRunStore
{
    /// <summary>Inserts the run and its nodes; nodes with no dependencies are inserted as queued.</summary>
    ValueTask CreateRunAsync(RunRecord run, IReadOnlyList<NodeRunRecord> nodes, CancellationToken cancellationToken = default);

    ValueTask<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default);


    /// <summary>A page of runs, newest first, by keyset on (created_at, id): as fast on page 2000 as on page 1.</summary>
    ValueTask<RunPage> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<NodeRunRecord>> GetNodeRunsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The given nodes, with outputs stored by reference expanded (for bindings).</summary>
    ValueTask<IReadOnlyList<NodeRunRecord>> GetNodeRunsAsync(string runId, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<NodeAttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// queued → running under a lease held by <paramref name="owner"/>. Returns the attempts already journaled (a node re-run
    /// after a crash continues the numbering), or null when the node is not queued (taken, finished, cancelled).
    /// </summary>
    ValueTask<NodeStart?> TryStartNodeAsync(string runId, string nodeId, string owner, long at, long leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>Extends a running node's lease; false when <paramref name="owner"/> no longer holds it.</summary>
    ValueTask<bool> RenewLeaseAsync(string runId, string nodeId, string owner, long leaseUntil, CancellationToken cancellationToken = default);

    ValueTask RecordAttemptStartedAsync(NodeAttemptRecord attempt, CancellationToken cancellationToken = default);

    ValueTask RecordAttemptFinishedAsync(NodeAttemptRecord attempt, CancellationToken cancellationToken = default);

    /// <summary>running → awaiting_approval with its bound arguments; the run shows awaiting_approval too.</summary>
    ValueTask<bool> AwaitApprovalAsync(string runId, string nodeId, string? args, string? contextUsed, CancellationToken cancellationToken = default);

    /// <summary>awaiting_approval → queued (approved; the gate stays open) and the run back to running when nothing else waits.</summary>
    ValueTask<bool> ApproveNodeAsync(string runId, string nodeId, string approvedBy, long at, CancellationToken cancellationToken = default);

    /// <summary>running (or awaiting_approval) → terminal, then dependants' counters, skips and newly ready nodes, atomically.</summary>
    ValueTask<NodeCompletion> CompleteNodeAsync(string runId, string nodeId, NodeOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>running or awaiting_approval → terminal for the run; false when it was already finished.</summary>
    ValueTask<bool> TryFinishRunAsync(string runId, string status, long at, string? output, string? error, string? summary, CancellationToken cancellationToken = default);

    /// <summary>Marks the run cancelled-on-request and skips its nodes that are not running; running ones stop themselves.</summary>
    ValueTask<CancelRequest> RequestCancelAsync(string runId, string reason, long at, CancellationToken cancellationToken = default);

    /// <summary>Claims nodes to dispatch again (queued before <paramref name="queuedBefore"/>, or running with a lease expired at <paramref name="now"/>), re-queuing them.</summary>
    ValueTask<IReadOnlyList<RecoveredNode>> ClaimRecoverableNodesAsync(long now, long queuedBefore, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a re-plan while nothing of the run is in flight: the new definition and revision, nodes to run (reset or
    /// added, queued when their dependencies have all succeeded), nodes to skip. Returns the queued node ids, or null when
    /// the run moved on (another revision, finished, or a node in flight).
    /// </summary>
    ValueTask<IReadOnlyList<string>?> ApplyRevisionAsync(RevisionRecord revision, IReadOnlyList<NodeRunRecord> toRun, IReadOnlyList<string> toSkip, string skipReason, CancellationToken cancellationToken = default);

    /// <summary>Gives up re-planning: the waiting node's descendants are skipped with the reason; returns the nodes skipped and what is left unfinished.</summary>
    ValueTask<NodeCompletion> AbandonReplanAsync(string runId, IReadOnlyList<string> descendants, string reason, long at, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<RevisionRecord>> GetRevisionsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Appends an event written by process <paramref name="origin"/> and returns its sequence number.</summary>
    ValueTask<long> AppendEventAsync(string runId, long at, string kind, string? nodeId, string data, string origin, CancellationToken cancellationToken = default);

    /// <summary>The newest event's sequence number (0 when there is none).</summary>
    ValueTask<long> GetLatestEventSeqAsync(CancellationToken cancellationToken = default);

    /// <summary>Events after <paramref name="afterSeq"/> in sequence order (all runs, or one).</summary>
    ValueTask<IReadOnlyList<StoredEvent>> ReadEventsAsync(long afterSeq, int limit, string? runId = null, CancellationToken cancellationToken = default);
}
