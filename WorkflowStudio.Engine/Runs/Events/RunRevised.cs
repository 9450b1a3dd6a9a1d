namespace WorkflowStudio.Engine.Runs.Events;

/// <summary>The run's graph was re-planned after <see cref="FailedNode"/> failed for good; every process reloads it.</summary>
public sealed record RunRevised(
    string RunId, DateTimeOffset At, int Revision, string FailedNode, string Planner, IReadOnlyList<string> Added, IReadOnlyList<string> Removed,
    IReadOnlyList<string> Changed, string? Explanation) : RunEvent(RunId, At)
{
    public const string Kind = "run_revised";
    public override string EventKind => Kind;
}
