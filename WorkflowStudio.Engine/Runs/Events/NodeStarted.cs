namespace WorkflowStudio.Engine.Runs.Events;

/// <summary>An attempt of a node began (attempt 1 is the first call; a fallback call is reported as its own attempt).</summary>
public sealed record NodeStarted(string RunId, DateTimeOffset At, string Node, string Tool, int Attempt, bool Fallback) : RunEvent(RunId, At)
{
    public const string Kind = "node_started";
    public override string EventKind => Kind;
    public override string? NodeId => Node;
}
