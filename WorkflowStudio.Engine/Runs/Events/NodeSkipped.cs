namespace WorkflowStudio.Engine.Runs.Events;

public sealed record NodeSkipped(string RunId, DateTimeOffset At, string Node, string Reason) : RunEvent(RunId, At)
{
    public const string Kind = "node_skipped";
    public override string EventKind => Kind;
    public override string? NodeId => Node;
}
