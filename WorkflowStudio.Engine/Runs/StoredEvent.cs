using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs;

/// <summary>A journaled run event as stored: its sequence number and JSON.</summary>
public sealed record StoredEvent(long Seq, string RunId, string Data, string Origin);

/// <summary>A node that needs dispatching again: queued too long ago, or running under an expired lease.</summary>
public sealed record RecoveredNode(string RunId, string NodeId, string PreviousStatus)
{
    /// <summary>The run was asked to cancel: the node is to be skipped, not dispatched.</summary>
    public bool RunCancelled { get; init; }
}

/// <summary>The result of a cancel request: nodes skipped now, and how many are still running (they stop themselves).</summary>
public sealed record CancelRequest(bool Accepted, IReadOnlyList<string> Skipped, int Running);

/// <summary>A node taken by a worker: the attempts already journaled and the run's graph revision.</summary>
public sealed record NodeStart(int Attempts, int Revision);
