namespace WorkflowStudio.Engine.Runs.Events;

/// <summary>A node reached success or error; <see cref="Cached"/>: from the result cache, without a tool call.</summary>
public sealed record NodeFinished(string RunId, DateTimeOffset At, string Node, string Status, int Attempts, double ElapsedMs, string? Error, bool FallbackUsed,
    bool Cached = false)
    : RunEvent(RunId, At)
{
    public const string Kind = "node_finished";
    public override string EventKind => Kind;
    public override string? NodeId => Node;
}
