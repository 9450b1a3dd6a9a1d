namespace WorkflowStudio.Engine.Runs.Events;

/// <summary>Someone asked to cancel the run; every process running one of its nodes cancels the tool call.</summary>
public sealed record RunCancelRequested(string RunId, DateTimeOffset At, string Reason) : RunEvent(RunId, At)
{
    public const string Kind = "run_cancel_requested";
    public override string EventKind => Kind;
}
