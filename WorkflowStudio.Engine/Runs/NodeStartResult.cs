using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs;

/// <summary>
/// What <see cref="IRunStateStore.StartAttemptAsync"/> did: the node taken under the lease with its attempt and event
/// journaled (<see cref="Started"/>, the event's <see cref="Seq"/>), or not, with the node and run as they are now.
/// </summary>
public sealed record NodeStartResult(bool Started, long Seq, string? Status, int Attempts, int Revision)
{
    /// <summary>Not started because the run was asked to cancel: the node is to be skipped, never run.</summary>
    public bool RunCancelled { get; init; }

    /// <summary>Not started but still queued: the caller read an older graph revision or attempt count; it may prepare again.</summary>
    public bool Stale => !Started && Status == "queued" && !RunCancelled;
}
