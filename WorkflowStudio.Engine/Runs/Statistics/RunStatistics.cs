using Dapper;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Runs.Statistics;

/// <summary>
/// Monitoring aggregates from the journal with four portable, index-backed reads per window: runs by
/// <c>created_at</c> (index <c>ix_runs_created_id</c>), then their attempts and node rows through the run id (primary
/// keys). Percentiles are computed here, since SQLite has no percentile function. Each read is capped at
/// <see cref="MaxRows"/> rows, newest runs first.
/// </summary>
internal sealed class RunStatistics : IRunStatistics
{
    public const int MaxRows = 50_000;
    public const int TopTools = 5;
    private const long MinuteMs = 60_000;

    private readonly IDatabase _database;

    public RunStatistics(IDatabase database) => _database = database;

    public async ValueTask<RunStatisticsSnapshot> GetAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        if (to <= from)
        {
            throw new ArgumentException($"The window must end after it starts (from {from:O}, to {to:O}).", nameof(to));
        }
        var window = new { from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds(), limit = MaxRows };
        const string InWindow = "r.created_at >= @from AND r.created_at < @to";
        await using var connection = await _database.OpenAsync(cancellationToken);
        var runs = (await connection.QueryAsync<RunRow>(new CommandDefinition(
            "SELECT r.status AS Status, r.created_at AS CreatedAt, r.started_at AS StartedAt, r.finished_at AS FinishedAt " +
            $"FROM runs r WHERE {InWindow} ORDER BY r.created_at DESC LIMIT @limit", window, cancellationToken: cancellationToken))).AsList();
        var attempts = (await connection.QueryAsync<AttemptRow>(new CommandDefinition(
            "SELECT a.tool AS Tool, a.started_at AS StartedAt, a.finished_at AS FinishedAt, a.outcome AS Outcome " +
            $"FROM runs r JOIN node_attempts a ON a.run_id = r.id WHERE {InWindow} AND a.finished_at IS NOT NULL " +
            "ORDER BY r.created_at DESC LIMIT @limit", window, cancellationToken: cancellationToken))).AsList();
        var waits = (await connection.QueryAsync<double>(new CommandDefinition(
            "SELECT n.started_at - n.queued_at " +
            $"FROM runs r JOIN node_runs n ON n.run_id = r.id WHERE {InWindow} AND n.started_at IS NOT NULL AND n.queued_at IS NOT NULL " +
            "ORDER BY r.created_at DESC LIMIT @limit", window, cancellationToken: cancellationToken))).AsList();
        // Nodes of the window's unfinished runs that are running or ready now, whichever process holds them: a worker process
        // runs most nodes itself, without a Hangfire job, so the queue's own figures do not show them.
        var active = (await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "SELECT n.status, COUNT(*) FROM runs r JOIN node_runs n ON n.run_id = r.id " +
            $"WHERE {InWindow} AND r.status IN ('{RunStatus.Running}', '{RunStatus.AwaitingApproval}', '{RunStatus.AwaitingInput}') AND n.status IN ('{NodeStatus.Queued}', '{NodeStatus.Running}') " +
            "GROUP BY n.status", window, cancellationToken: cancellationToken))).ToDictionary(row => row.Status, row => (int)row.Count, StringComparer.Ordinal);

        var finished = runs.Where(r => RunStatus.IsTerminal(r.Status)).ToArray();
        return new RunStatisticsSnapshot
        {
            From = from,
            To = to,
            PerMinute = PerMinute(runs, window.from, window.to),
            Created = runs.Count,
            Finished = finished.Length,
            Succeeded = finished.Count(r => r.Status == RunStatus.Success),
            RunDurations = DurationPercentiles.Of(finished.Where(r => r.StartedAt is not null && r.FinishedAt is not null)
                .Select(r => (double)(r.FinishedAt!.Value - r.StartedAt!.Value))),
            NodeDurations = DurationPercentiles.Of(attempts.Select(a => a.Duration)),
            QueueWaits = DurationPercentiles.Of(waits.Where(w => w >= 0)),
            NodesRunning = active.GetValueOrDefault(NodeStatus.Running),
            NodesReady = active.GetValueOrDefault(NodeStatus.Queued),
            TopFailingTools = attempts.GroupBy(a => a.Tool, StringComparer.Ordinal)
                .Select(g => new ToolFailureCount(g.Key, g.Count(a => !a.Succeeded), g.Count()))
                .Where(t => t.Failures > 0)
                .OrderByDescending(t => t.Failures).ThenBy(t => t.Tool, StringComparer.Ordinal)
                .Take(TopTools)
                .ToArray(),
            Servers = attempts.GroupBy(a => a.Server, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ServerLatency(g.Key, g.Count(), g.Count(a => !a.Succeeded), DurationPercentiles.Of(g.Select(a => a.Duration))))
                .ToArray(),
            Truncated = runs.Count == MaxRows || attempts.Count == MaxRows || waits.Count == MaxRows,
        };
    }

    private static MinuteRuns[] PerMinute(List<RunRow> runs, long from, long to)
    {
        var first = from / MinuteMs;
        var count = (int)Math.Min((to - 1) / MinuteMs - first + 1, 24 * 60);
        var created = new int[count];
        var succeeded = new int[count];
        var failed = new int[count];
        foreach (var run in runs)
        {
            var index = (int)(run.CreatedAt / MinuteMs - first);
            if (index < 0 || index >= count)
            {
                continue;
            }
            created[index]++;
            if (run.Status == RunStatus.Success)
            {
                succeeded[index]++;
            }
            else if (RunStatus.IsTerminal(run.Status))
            {
                failed[index]++;
            }
        }
        return Enumerable.Range(0, count)
            .Select(i => new MinuteRuns(DateTimeOffset.FromUnixTimeMilliseconds((first + i) * MinuteMs), created[i], succeeded[i], failed[i]))
            .ToArray();
    }

    private sealed class RunRow
    {
        public string Status { get; init; } = "";
        public long CreatedAt { get; init; }
        public long? StartedAt { get; init; }
        public long? FinishedAt { get; init; }
    }

    private sealed class AttemptRow
    {
        public string Tool { get; init; } = "";
        public long StartedAt { get; init; }
        public long? FinishedAt { get; init; }
        public string? Outcome { get; init; }
        public double Duration => (FinishedAt ?? StartedAt) - StartedAt;
        public bool Succeeded => Outcome == "success";
        public string Server => Tool.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? Tool[..slash] : Tool;
    }
}
