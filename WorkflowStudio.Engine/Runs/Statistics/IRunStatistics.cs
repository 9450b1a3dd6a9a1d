using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs.Statistics;

/// <summary>Read-only aggregates of the run journal for monitoring (the admin dashboard); never changes anything.</summary>
public interface IRunStatistics
{
    /// <summary>Runs created in [<paramref name="from"/>, <paramref name="to"/>), their nodes' attempts and queue waits.</summary>
    ValueTask<RunStatisticsSnapshot> GetAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
