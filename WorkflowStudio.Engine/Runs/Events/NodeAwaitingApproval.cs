namespace WorkflowStudio.Engine.Runs.Events;

/// <summary>A node paused for a person's approval; <see cref="Reason"/> says why (required by the workflow, or a destructive tool).</summary>
public sealed record NodeAwaitingApproval(string RunId, DateTimeOffset At, string Node, string Tool, string Reason) : RunEvent(RunId, At)
{
    public const string Kind = "node_awaiting_approval";
    public override string EventKind => Kind;
    public override string? NodeId => Node;
}
