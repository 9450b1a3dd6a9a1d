using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs.Statistics;

namespace WorkflowStudio.Web.Studio;

/// <summary>Everything the admin page shows at one moment.</summary>
public sealed record AdminSnapshot(DateTimeOffset At, RunStatisticsSnapshot Runs, JobServerLoad Jobs, IReadOnlyList<ToolServerRow> Servers)
{
    /// <summary>Runs created per minute, averaged over the window.</summary>
    public double RunsPerMinute => Runs.Created / (Runs.To - Runs.From).TotalMinutes;
}
