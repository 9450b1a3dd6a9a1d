namespace WorkflowStudio.Engine.Runs.Events;

/// <summary>One attempt failed; <see cref="WillRetry"/> says whether another follows.</summary>
public sealed record NodeAttemptFailed(string RunId, DateTimeOffset At, string Node, int Attempt, string Outcome, string Error, bool WillRetry)
    : RunEvent(RunId, At)
{
    public const string Kind = "node_attempt_failed";
    public override string EventKind => Kind;
    public override string? NodeId => Node;
}
