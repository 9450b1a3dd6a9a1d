using Hangfire;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Runs.Statistics;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// Reads the admin page's figures: the journal (<see cref="IRunStatistics"/>), Hangfire's monitoring API on the
/// engine's <see cref="JobStorage"/>, and the MCP servers' health (<see cref="IMcpServerHealth"/>).
/// </summary>
public sealed class AdminDashboard
{
    public const string Builtin = "builtin";

    private readonly IRunStatistics _statistics;
    private readonly JobStorage _storage;
    private readonly IMcpServerHealth _health;
    private readonly TimeProvider _time;

    public AdminDashboard(IRunStatistics statistics, JobStorage storage, IMcpServerHealth health, TimeProvider time)
    {
        _statistics = statistics;
        _storage = storage;
        _health = health;
        _time = time;
    }

    public async Task<AdminSnapshot> ReadAsync(TimeSpan window, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var runs = await _statistics.GetAsync(now - window, now, cancellationToken);
        return new AdminSnapshot(now, runs, ReadJobs(), ServerRows(runs));
    }

    /// <summary>Merges per-minute counts into at most <paramref name="maxBars"/> bars (label: the bar's first minute, HH:mm UTC).</summary>
    public static IReadOnlyList<(string Label, int Succeeded, int Failed, int Running)> Bars(IReadOnlyList<MinuteRuns> perMinute, int maxBars = 60)
    {
        ArgumentNullException.ThrowIfNull(perMinute);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBars);
        var size = Math.Max(1, (int)Math.Ceiling(perMinute.Count / (double)maxBars));
        return perMinute.Chunk(size)
            .Select(c => (
                c[0].Minute.UtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                c.Sum(m => m.Succeeded),
                c.Sum(m => m.Failed),
                c.Sum(m => m.Created - m.Succeeded - m.Failed)))
            .ToArray();
    }

    private JobServerLoad ReadJobs()
    {
        var monitoring = _storage.GetMonitoringApi();
        var servers = monitoring.Servers();
        var queues = monitoring.Queues().Select(q => new QueueStatus(q.Name, q.Length, q.Fetched)).OrderBy(q => q.Name, StringComparer.Ordinal).ToArray();
        return new JobServerLoad(servers.Count, servers.Sum(s => s.WorkersCount), monitoring.ProcessingCount(), queues);
    }

    private IReadOnlyList<ToolServerRow> ServerRows(RunStatisticsSnapshot runs)
    {
        var measured = runs.Servers.ToDictionary(s => s.Server, StringComparer.Ordinal);
        var rows = new List<ToolServerRow>();
        foreach (var name in _health.Servers.Order(StringComparer.Ordinal))
        {
            var status = _health.GetServerStatus(name);
            var latency = measured.GetValueOrDefault(name);
            rows.Add(new ToolServerRow(name, status.State.ToString().ToLowerInvariant(), status.LastError,
                latency?.Calls ?? 0, latency?.Failures ?? 0, latency?.Latency ?? DurationPercentiles.Empty));
        }
        // Servers seen in the journal but not configured here: built-ins, or servers of another process's configuration.
        foreach (var other in runs.Servers.Where(s => !_health.Servers.Contains(s.Server)))
        {
            rows.Add(new ToolServerRow(other.Server, other.Server == Builtin ? "built in" : "not configured here", null, other.Calls, other.Failures, other.Latency));
        }
        return rows;
    }
}
