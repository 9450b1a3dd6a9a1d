namespace WorkflowStudio.Engine.Runs.Events;

/// <summary>A person approved or rejected a waiting node.</summary>
public sealed record NodeApprovalDecided(string RunId, DateTimeOffset At, string Node, bool Approved, string DecidedBy, string? Reason) : RunEvent(RunId, At)
{
    public const string Kind = "node_approval_decided";
    public override string EventKind => Kind;
    public override string? NodeId => Node;
}
