namespace WorkflowStudio.Engine.Runs;

/// <summary>The journal's event log: appended by every process, tailed by every process, in sequence order.</summary>
public interface IRunEventLog
{
    /// <summary>Appends an event written by process <paramref name="origin"/> and returns its sequence number.</summary>
    ValueTask<long> AppendEventAsync(string runId, long at, string kind, string? nodeId, string data, string origin, CancellationToken cancellationToken = default);

    /// <summary>The newest event's sequence number (0 when there is none).</summary>
    ValueTask<long> GetLatestEventSeqAsync(CancellationToken cancellationToken = default);

    /// <summary>Events after <paramref name="afterSeq"/> in sequence order (all runs, or one).</summary>
    ValueTask<IReadOnlyList<StoredEvent>> ReadEventsAsync(long afterSeq, int limit, string? runId = null, CancellationToken cancellationToken = default);
}
