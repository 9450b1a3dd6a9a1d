namespace WorkflowStudio.Engine.Runs.Events;

public sealed record RunStarted(string RunId, DateTimeOffset At, string WorkflowName, int NodeCount) : RunEvent(RunId, At)
{
    public const string Kind = "run_started";
    public override string EventKind => Kind;
}
