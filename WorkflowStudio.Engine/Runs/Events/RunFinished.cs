namespace WorkflowStudio.Engine.Runs.Events;

public sealed record RunFinished(string RunId, DateTimeOffset At, string Status, double ElapsedMs) : RunEvent(RunId, At)
{
    public const string Kind = "run_finished";
    public override string EventKind => Kind;
}
