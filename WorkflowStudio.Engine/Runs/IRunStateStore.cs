namespace WorkflowStudio.Engine.Runs;

/// <summary>
/// The state transitions of runs and their nodes, for the engine that moves them. Every transition is guarded so that it
/// happens once even with many workers, and fenced by the node's lease where a worker holds one. The engine reads through
/// it too (<see cref="IRunReader"/>); the people and programs that only look at runs take the reader alone.
/// </summary>
public interface IRunStateStore : IRunReader
{
    /// <summary>Inserts the run and its nodes (nodes with no dependencies as queued) and journals <paramref name="started"/>; returns its sequence number (0 without one).</summary>
    ValueTask<long> CreateRunAsync(RunRecord run, IReadOnlyList<NodeRunRecord> nodes, JournalEntry? started = null, CancellationToken cancellationToken = default);

    /// <summary>The given nodes (outputs expanded) and the run's graph revision, read on one connection: what a worker binds a node from.</summary>
    ValueTask<NodeInputs> GetNodeInputsAsync(string runId, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// queued → running under a lease held by <paramref name="owner"/>. Returns the attempts already journaled (a node re-run
    /// after a crash continues the numbering), or null when the node is not queued (taken, finished, cancelled).
    /// </summary>
    ValueTask<NodeStart?> TryStartNodeAsync(string runId, string nodeId, string owner, long at, long leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>
    /// One transaction for a node's start: queued → running under a lease held by <paramref name="owner"/> for
    /// <paramref name="lease"/> (timed by the database's clock on PostgreSQL), the attempt's row and its
    /// <paramref name="started"/> event. Only if the node is still queued with <c>attempt.Attempt - 1</c> attempts
    /// journaled, the run is at graph <paramref name="revision"/> and not asked to cancel; otherwise nothing is written (see
    /// <see cref="NodeStartResult.Stale"/>, <see cref="NodeStartResult.RunCancelled"/>). <c>attempt.Attempt</c> becomes the
    /// lease's fencing token: every later write of the node by this worker is guarded on it.
    /// </summary>
    ValueTask<NodeStartResult> StartAttemptAsync(
        NodeAttemptRecord attempt, string owner, TimeSpan lease, int revision, JournalEntry started, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends a running node's lease to <paramref name="lease"/> from now (the database's clock on PostgreSQL, else
    /// <paramref name="now"/>); false when <paramref name="owner"/> no longer holds it under fencing token <paramref name="epoch"/>.
    /// </summary>
    ValueTask<bool> RenewLeaseAsync(string runId, string nodeId, string owner, long epoch, long now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// A further attempt of a node this worker holds under <paramref name="epoch"/> (a retry or the fallback) and its event;
    /// returns the event's sequence number (0 without one), or null when the lease was lost (nothing written).
    /// </summary>
    ValueTask<long?> RecordAttemptStartedAsync(NodeAttemptRecord attempt, long epoch, JournalEntry? started = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// How an attempt ended, with its event (a failed attempt's); returns the event's sequence number (0 without one), or
    /// null when the lease <paramref name="epoch"/> was lost (nothing written).
    /// </summary>
    ValueTask<long?> RecordAttemptFinishedAsync(NodeAttemptRecord attempt, long epoch, JournalEntry? finished = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// queued → awaiting_approval with its bound arguments and the <paramref name="awaiting"/> event; the run shows
    /// awaiting_approval too. Returns the event's sequence number (0 without one), or null when the node was not queued
    /// with <paramref name="attempts"/> attempts (taken since the caller read it).
    /// </summary>
    ValueTask<long?> AwaitApprovalAsync(
        string runId, string nodeId, int attempts, string? args, string? contextUsed, JournalEntry? awaiting = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// running under lease <paramref name="epoch"/> → awaiting_input: the call ended asking a person (<paramref name="inputRequest"/>,
    /// a <see cref="NodeInput"/>), its attempt ends, the lease is given up, the run shows awaiting_input, and <paramref name="awaiting"/>
    /// is journaled, in one transaction; null when the lease was lost.
    /// </summary>
    ValueTask<long?> AwaitInputAsync(NodeAttemptRecord attempt, long epoch, string inputRequest, JournalEntry? awaiting = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A call in flight under lease <paramref name="epoch"/> asks a person: the question is journaled on the running node (reported as
    /// awaiting_input) and the run shows awaiting_input; null when the lease was lost.
    /// </summary>
    ValueTask<long?> AwaitInputInFlightAsync(string runId, string nodeId, long epoch, string inputRequest, JournalEntry? awaiting = null, CancellationToken cancellationToken = default);

    /// <summary>Withdraws an unanswered question of a call in flight (nobody answered in time); false when an answer came first.</summary>
    ValueTask<bool> WithdrawInputAsync(string runId, string nodeId, long epoch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a person's answer to the node's unanswered question (compare-and-set) with <paramref name="answered"/>: an
    /// awaiting_input node is queued again, a call in flight reads it. Null when no question was waiting for an answer.
    /// </summary>
    ValueTask<InputAnswerResult?> AnswerInputAsync(string runId, string nodeId, string answer, long at, JournalEntry? answered = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// awaiting_approval → queued (approved; the gate stays open), the decision recorded on the node, the run back to running
    /// when nothing else waits, and <paramref name="decided"/> journaled, in one transaction; null when the node was not
    /// waiting (another decision or a cancel came first: the node's row says which). <paramref name="args"/>: arguments the
    /// approver edited (a JSON object), kept with the decision; the tool is called with them.
    /// </summary>
    ValueTask<long?> ApproveNodeAsync(
        string runId, string nodeId, string approvedBy, long at, string? args = null, JournalEntry? decided = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// running (or queued, awaiting_approval) → terminal, then dependants' counters, skips and newly ready nodes, and the
    /// events <paramref name="events"/> makes of that completion, atomically (no events when it did not apply). Fenced (see
    /// <see cref="NodeOutcome.LeaseEpoch"/>): never applies to a node another worker runs. The outcome's
    /// <see cref="NodeOutcome.FinishedAttempt"/> is written in the same transaction, only when it applied.
    /// </summary>
    ValueTask<NodeCompletion> CompleteNodeAsync(
        string runId, string nodeId, NodeOutcome outcome, Func<NodeCompletion, IReadOnlyList<JournalEntry>>? events = null,
        CancellationToken cancellationToken = default);

    /// <summary>running or awaiting_approval → terminal for the run, with its <paramref name="finished"/> event; null when it was already finished, else the event's sequence number (0 without one).</summary>
    ValueTask<long?> TryFinishRunAsync(
        string runId, string status, long at, string? output, string? error, string? summary, JournalEntry? finished = null,
        CancellationToken cancellationToken = default);

    /// <summary>Marks the run cancelled-on-request and skips its nodes that are not running; running ones stop themselves.</summary>
    ValueTask<CancelRequest> RequestCancelAsync(string runId, string reason, long at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims nodes to dispatch again (queued before <paramref name="queuedBefore"/>, or running with a lease expired at
    /// <paramref name="now"/>, the database's clock on PostgreSQL), re-queuing them; those of a run asked to cancel are
    /// marked <see cref="RecoveredNode.RunCancelled"/> (to skip, not dispatch).
    /// </summary>
    ValueTask<IReadOnlyList<RecoveredNode>> ClaimRecoverableNodesAsync(long now, long queuedBefore, int limit, CancellationToken cancellationToken = default);

    /// <summary>Sets queued_at to <paramref name="at"/> for those of <paramref name="nodes"/> still queued (they wait in a live process); returns them.</summary>
    ValueTask<IReadOnlyList<NodeKey>> RefreshQueuedAsync(IReadOnlyCollection<NodeKey> nodes, long at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a re-plan while nothing of the run is in flight: the new definition and revision, nodes to run (reset or
    /// added, queued when their dependencies have all succeeded), nodes to skip. Returns the queued node ids, or null when
    /// the run moved on (another revision, finished, or a node in flight).
    /// </summary>
    ValueTask<IReadOnlyList<string>?> ApplyRevisionAsync(RevisionRecord revision, IReadOnlyList<NodeRunRecord> toRun, IReadOnlyList<string> toSkip, string skipReason, CancellationToken cancellationToken = default);

    /// <summary>Gives up re-planning: the waiting node's descendants are skipped with the reason; returns the nodes skipped and what is left unfinished.</summary>
    ValueTask<NodeCompletion> AbandonReplanAsync(string runId, IReadOnlyList<string> descendants, string reason, long at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs without a final state that nothing will move on by itself, whose last node ended before <paramref name="settledBefore"/>:
    /// those with no unfinished node (their closing was lost) and those whose re-plan is due with nothing in flight.
    /// </summary>
    ValueTask<IReadOnlyList<UnclosedRun>> FindUnclosedRunsAsync(long settledBefore, int limit, CancellationToken cancellationToken = default);
}
