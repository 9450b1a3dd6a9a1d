namespace WorkflowStudio.Engine.Runs.Events;

/// <summary>A node reached success or error.</summary>
public sealed record NodeFinished(string RunId, DateTimeOffset At, string Node, string Status, int Attempts, double ElapsedMs, string? Error, bool FallbackUsed)
    : RunEvent(RunId, At)
{
    public const string Kind = "node_finished";
    public override string EventKind => Kind;
    public override string? NodeId => Node;
}
