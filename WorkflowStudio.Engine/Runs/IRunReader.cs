namespace WorkflowStudio.Engine.Runs;

/// <summary>Reads of the run journal for the people and programs that look at runs: pages, results, downloads, the UI.</summary>
public interface IRunReader
{
    ValueTask<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>A page of runs, newest first, by keyset on (created_at, id): as fast on page 2000 as on page 1.</summary>
    ValueTask<RunPage> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<NodeRunRecord>> GetNodeRunsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The given nodes, with outputs stored by reference expanded (for bindings).</summary>
    ValueTask<IReadOnlyList<NodeRunRecord>> GetNodeRunsAsync(string runId, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<NodeAttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The attempts of one node, in order (transient read failures retried).</summary>
    ValueTask<IReadOnlyList<NodeAttemptRecord>> GetAttemptsAsync(string runId, string nodeId, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<RevisionRecord>> GetRevisionsAsync(string runId, CancellationToken cancellationToken = default);
}
