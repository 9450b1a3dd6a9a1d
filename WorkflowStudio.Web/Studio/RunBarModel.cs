using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// What the studio's run bar shows over the canvas while a run goes and after it ended: status, elapsed time, steps
/// finished of all, the critical path's steps finished, the cost so far (<see cref="RunPrice"/>) and whether Cancel applies.
/// </summary>
public sealed record RunBarModel
{
    public required string Status { get; init; }
    public double ElapsedMs { get; init; }
    public int StepsDone { get; init; }
    public int Steps { get; init; }
    public int CriticalDone { get; init; }
    public int Critical { get; init; }

    /// <summary>The step of the critical path that runs now (or is next); null when the path is done or unknown.</summary>
    public string? CriticalCurrent { get; init; }
    public RunPrice? Price { get; init; }
    public bool IsFinished => RunStatus.IsTerminal(Status);
    public bool CanCancel => !IsFinished && Status != RunCanvasState.Idle;

    /// <param name="now">The clock's time; the elapsed time of an unfinished run counts from its start to it.</param>
    public static RunBarModel Of(RunCanvasState run, IReadOnlyList<string> criticalPath, RunPrice? price, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(criticalPath);
        static bool Done(NodeRunView view) => NodeStatus.IsTerminal(view.Status);
        var critical = criticalPath.Where(run.Nodes.ContainsKey).ToArray();
        var elapsed = run.ElapsedMs ?? (run.StartedAt is { } start ? Math.Max(0, (now - start).TotalMilliseconds) : 0);
        return new RunBarModel
        {
            Status = run.Status,
            ElapsedMs = elapsed,
            StepsDone = run.Nodes.Values.Count(Done),
            Steps = run.Nodes.Count,
            CriticalDone = critical.Count(id => Done(run[id])),
            Critical = critical.Length,
            CriticalCurrent = critical.FirstOrDefault(id => !Done(run[id])),
            Price = price,
        };
    }
}
