namespace WorkflowStudio.Engine.Persistence;

/// <summary>The run journal. Every state change is guarded so that it happens once even with many workers.</summary>
public interface IRunStore
{
    /// <summary>Inserts the run and its nodes; nodes with no dependencies are inserted as queued.</summary>
    ValueTask CreateRunAsync(RunRecord run, IReadOnlyList<NodeRunRecord> nodes, CancellationToken cancellationToken = default);

    ValueTask<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    ValueTask<IReadOnlyList<RunRecord>> ListRunsAsync(int limit, string? status = null, CancellationToken cancellationToken = default);

    /// <summary>A page of runs, newest first, by keyset on (created_at, id): as fast on page 2000 as on page 1.</summary>
    ValueTask<RunPage> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<NodeRunRecord>> GetNodeRunsAsync(string runId, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<NodeRunRecord>> GetNodeRunsAsync(string runId, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<NodeAttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>queued → running; false when another worker already took the node or it is no longer queued.</summary>
    ValueTask<bool> TryStartNodeAsync(string runId, string nodeId, long at, CancellationToken cancellationToken = default);

    ValueTask RecordAttemptStartedAsync(NodeAttemptRecord attempt, CancellationToken cancellationToken = default);

    ValueTask RecordAttemptFinishedAsync(NodeAttemptRecord attempt, CancellationToken cancellationToken = default);

    /// <summary>running → terminal, then dependants' counters, skips and newly ready nodes, atomically.</summary>
    ValueTask<NodeCompletion> CompleteNodeAsync(string runId, string nodeId, NodeOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>running → terminal for the run; false when it was already finished.</summary>
    ValueTask<bool> TryFinishRunAsync(string runId, string status, long at, string? output, string? error, string? summary, CancellationToken cancellationToken = default);

    /// <summary>Marks every non-terminal node skipped (cancellation); returns their ids.</summary>
    ValueTask<IReadOnlyList<string>> SkipUnfinishedNodesAsync(string runId, string reason, long at, CancellationToken cancellationToken = default);

    ValueTask AppendEventAsync(string runId, long at, string kind, string? nodeId, string data, CancellationToken cancellationToken = default);
}
