using Dapper;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tests.Infrastructure;
using WorkflowStudio.Engine.Runs.Statistics;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The admin dashboard's journal aggregates on both databases, from known rows.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RunStatisticsTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly MigratedDatabases _databases = new(server, "stats");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task GetAsync_KnownJournal_CountsPercentilesFailuresAndServers(string dialect)
    {
        var database = await OpenAsync(dialect);
        var t = T0.ToUnixTimeMilliseconds();
        // Minute 0: two successes (100 ms, 300 ms); minute 2: one failure (200 ms) and one still running; one run before the window.
        await RunAsync(database, "a", "success", t + 1_000, 100);
        await RunAsync(database, "b", "success", t + 2_000, 300);
        await RunAsync(database, "c", "failed", t + 125_000, 200);
        await RunAsync(database, "d", "running", t + 130_000, null);
        await RunAsync(database, "old", "failed", t - 1, 5);
        await AttemptAsync(database, "a", "docs/search", 1, t + 1_000, 40, "success", queuedAt: t + 990);
        await AttemptAsync(database, "b", "docs/search", 1, t + 2_000, 60, "timeout", queuedAt: t + 1_970);
        await AttemptAsync(database, "c", "builtin/echo", 1, t + 125_000, 2, "error", queuedAt: t + 124_900);
        await AttemptAsync(database, "c", "docs/fetch", 2, t + 125_010, 80, "error", queuedAt: null);
        await AttemptAsync(database, "old", "docs/fetch", 1, t - 1, 5, "error", queuedAt: null);

        var stats = await new RunStatistics(database).GetAsync(T0, T0.AddMinutes(3));

        Assert.Equal(3, stats.PerMinute.Count);
        Assert.Equal([(2, 2, 0), (0, 0, 0), (2, 0, 1)], stats.PerMinute.Select(m => (m.Created, m.Succeeded, m.Failed)));
        Assert.Equal(T0.AddMinutes(2), stats.PerMinute[2].Minute);
        Assert.Equal((4, 3, 2), (stats.Created, stats.Finished, stats.Succeeded));
        Assert.Equal(2.0 / 3, stats.SuccessRate!.Value, 6);
        Assert.Equal(new DurationPercentiles(3, 200, 300), stats.RunDurations);
        Assert.Equal(new DurationPercentiles(4, 40, 80), stats.NodeDurations);
        Assert.Equal(new DurationPercentiles(3, 30, 100), stats.QueueWaits);
        Assert.Equal([new ToolFailureCount("builtin/echo", 1, 1), new ToolFailureCount("docs/fetch", 1, 1), new ToolFailureCount("docs/search", 1, 2)],
            stats.TopFailingTools);
        Assert.Equal(["builtin", "docs"], stats.Servers.Select(s => s.Server));
        var docs = stats.Servers[1];
        Assert.Equal((3, 2, 60.0, 80.0), (docs.Calls, docs.Failures, docs.Latency.P50Ms!.Value, docs.Latency.P95Ms!.Value));
        Assert.False(stats.Truncated);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task GetAsync_UnfinishedRuns_CountsTheirRunningAndReadyNodes(string dialect)
    {
        var database = await OpenAsync(dialect);
        var t = T0.ToUnixTimeMilliseconds();
        await RunAsync(database, "live", "running", t + 1_000, null);
        await RunAsync(database, "waiting", "awaiting_approval", t + 2_000, null);
        await RunAsync(database, "done", "success", t + 3_000, 50);
        await RunAsync(database, "before", "running", t - 1, null);
        await NodesAsync(database, "live", "running", "running", "queued", "pending", "success");
        await NodesAsync(database, "waiting", "queued", "awaiting_approval");
        await NodesAsync(database, "done", "success", "running"); // a finished run's leftovers are not load
        await NodesAsync(database, "before", "running"); // outside the window

        var stats = await new RunStatistics(database).GetAsync(T0, T0.AddMinutes(3));

        Assert.Equal((2, 2), (stats.NodesRunning, stats.NodesReady));
    }

    private static async Task NodesAsync(IDatabase database, string runId, params string[] statuses)
    {
        await using var connection = await database.OpenAsync();
        for (var i = 0; i < statuses.Length; i++)
        {
            await connection.ExecuteAsync(
                "INSERT INTO node_runs (run_id, node_id, ordinal, tool, status, remaining_deps) VALUES (@runId, @nodeId, @i, 'builtin/echo', @status, 0)",
                new { runId, nodeId = $"n{i}", i, status = statuses[i] });
        }
    }

    [Fact]
    public void DurationPercentiles_NearestRank()
    {
        var of = DurationPercentiles.Of(Enumerable.Range(1, 100).Select(i => (double)i));

        Assert.Equal(new DurationPercentiles(100, 50, 95), of);
        Assert.Equal(DurationPercentiles.Empty, DurationPercentiles.Of([]));
        Assert.Equal(new DurationPercentiles(1, 7, 7), DurationPercentiles.Of([7]));
    }

    private static async Task RunAsync(IDatabase database, string id, string status, long createdAt, long? durationMs)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO runs (id, workflow_id, workflow_name, definition, inputs, status, created_at, started_at, finished_at) " +
            "VALUES (@id, 'wf', 'wf', '{}', '{}', @status, @createdAt, @createdAt, @finishedAt)",
            new { id, status, createdAt, finishedAt = createdAt + durationMs });
    }

    private static async Task AttemptAsync(IDatabase database, string runId, string tool, int attempt, long startedAt, long durationMs, string outcome, long? queuedAt)
    {
        await using var connection = await database.OpenAsync();
        var nodeId = $"n{attempt}";
        if (queuedAt is not null)
        {
            await connection.ExecuteAsync(
                "INSERT INTO node_runs (run_id, node_id, ordinal, tool, status, remaining_deps, queued_at, started_at) " +
                "VALUES (@runId, @nodeId, 0, @tool, 'success', 0, @queuedAt, @startedAt)",
                new { runId, nodeId, tool, queuedAt, startedAt });
        }
        await connection.ExecuteAsync(
            "INSERT INTO node_attempts (run_id, node_id, attempt, tool, started_at, finished_at, outcome) " +
            "VALUES (@runId, @nodeId, @attempt, @tool, @startedAt, @finishedAt, @outcome)",
            new { runId, nodeId, attempt, tool, startedAt, finishedAt = startedAt + durationMs, outcome });
    }

    private Task<IDatabase> OpenAsync(string dialect) => _databases.OpenAsync(dialect);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _databases.DisposeAsync();
}
