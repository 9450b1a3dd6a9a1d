using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs;

/// <summary>How a node ended, as written to the journal in one transaction with its consequences.</summary>
public sealed record NodeOutcome
{
    public required string Status { get; init; }
    public required long FinishedAt { get; init; }
    public string? Args { get; init; }
    public string? Output { get; init; }
    public string? Error { get; init; }
    public string? ContextUsed { get; init; }
    public bool RecoveryAttempted { get; init; }
    public bool FallbackUsed { get; init; }
    public string? FallbackResult { get; init; }

    /// <summary>Completed from the result cache: the tool was not called (<see cref="Attempts"/> is 0).</summary>
    public bool CacheHit { get; init; }

    /// <summary>Tool calls made for the node (already journaled per attempt; carried for the event).</summary>
    public int Attempts { get; init; }

    /// <summary>
    /// The fencing token of the lease the completing worker holds (the attempt that took the node): the completion applies
    /// only to the node running under it, so a worker that lost its lease changes nothing. Null for a node that ends
    /// without being taken (see <see cref="QueuedAttempts"/>).
    /// </summary>
    public long? LeaseEpoch { get; init; }

    /// <summary>
    /// For a node that ends without being taken (condition false, binding error, unknown outcome): the attempt count read
    /// when it was prepared; the completion applies only if it is still queued with that count (nobody took it meanwhile).
    /// </summary>
    public int? QueuedAttempts { get; init; }

    /// <summary>The last attempt's finish, written in the completion's transaction (failed attempts that were retried are written as they fail).</summary>
    public NodeAttemptRecord? FinishedAttempt { get; init; }

    /// <summary>Direct dependants whose remaining-dependency count drops by one.</summary>
    public IReadOnlyList<string> Dependants { get; init; } = [];

    /// <summary>Nodes to mark skipped (if still pending) because this outcome blocks them, with the reason.</summary>
    public IReadOnlyList<string> SkipDependants { get; init; } = [];
    public string? SkipReason { get; init; }

    /// <summary>The node failed for good in a workflow that re-plans: its dependants wait (pending) for the revision.</summary>
    public bool HoldForReplan { get; init; }

    /// <summary>Set for a rejection: applies only to a node still awaiting approval, and records who rejected it.</summary>
    public string? RejectedBy { get; init; }
}

/// <summary>
/// What completing a node changed: the nodes it made ready (now queued, to dispatch once) and skipped, and whether any node
/// of the run is still unfinished (false for exactly one completion: the run's last).
/// </summary>
public sealed record NodeCompletion(bool Applied, IReadOnlyList<string> Ready, IReadOnlyList<string> Skipped, bool AnyUnfinished)
{
    /// <summary>Nodes queued, running or awaiting approval after this completion (counted only while a re-plan waits: <see cref="ReplanNode"/>).</summary>
    public int InFlight { get; init; }

    /// <summary>The node waiting for a re-plan, if any (see <see cref="NodeOutcome.HoldForReplan"/>).</summary>
    public string? ReplanNode { get; init; }

    /// <summary>Sequence numbers of the events journaled with the completion, in the order they were given.</summary>
    public IReadOnlyList<long> EventSeqs { get; init; } = [];
}
