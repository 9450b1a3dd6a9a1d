using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Studio;

/// <summary>The run timeline: one row per node (definition order), one bar per attempt, critical-path nodes marked.</summary>
public sealed record GanttModel(IReadOnlyList<string> Rows, IReadOnlyList<GanttBar> Bars, double SpanMs)
{
    public const string RunningOutcome = "running";

    /// <param name="nowMs">Unix ms used as the end of attempts still running.</param>
    public static GanttModel Build(
        IReadOnlyList<NodeRunRecord> nodes, IReadOnlyList<NodeAttemptRecord> attempts, IReadOnlyCollection<string> criticalPath, long runStartMs, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(criticalPath);
        var critical = criticalPath.ToHashSet(StringComparer.Ordinal);
        var origin = attempts.Count > 0 ? Math.Min(runStartMs, attempts.Min(a => a.StartedAt)) : runStartMs;
        var bars = attempts
            .Select(a => new GanttBar(
                a.NodeId, a.Attempt, a.Tool,
                a.StartedAt - origin,
                Math.Max(0, (a.FinishedAt ?? nowMs) - a.StartedAt),
                a.Outcome ?? RunningOutcome,
                critical.Contains(a.NodeId),
                a.Error))
            .ToArray();
        var span = bars.Length == 0 ? 0 : bars.Max(b => b.StartMs + b.DurationMs);
        var rows = nodes.OrderBy(n => n.Ordinal).Select(n => n.NodeId).ToArray();
        return new GanttModel(rows, bars, span);
    }
}
