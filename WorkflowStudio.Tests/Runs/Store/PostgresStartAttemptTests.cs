using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tests.Infrastructure;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Store;
using WorkflowStudio.Tests.Persistence;

namespace WorkflowStudio.Tests.Runs.Store;

/// <summary>
/// A node's start on PostgreSQL is one statement (take, attempt row, NodeStarted, NOTIFY): every column lands where it
/// belongs, and when the guard fails nothing is written and no wake-up is sent.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStartAttemptTests(PostgresServer server)
{
    [Fact]
    public async Task StartAttemptAsync_QueuedNode_WritesOneAttemptRowAndOneNodeStartedEventWithTheReturnedSeq()
    {
        var (_, database, store) = await NewStoreAsync();
        await using var _ = database;
        await store.CreateRunAsync(Run("r"), [Node("r", "a"), Node("r", "b")]);

        await using var connection = await database.OpenAsync();
        var before = await connection.ExecuteScalarAsync<long>(DatabaseNowMs);
        var start = await store.StartAttemptAsync(Attempt("a", 1, startedAt: 111), "w1", TimeSpan.FromSeconds(30), revision: 0, Started("a", at: 222));
        var after = await connection.ExecuteScalarAsync<long>(DatabaseNowMs);

        Assert.Equal(new NodeStartResult(true, start.Seq, NodeStatus.Running, 1, 0), start);
        var nodes = await connection.QueryAsync<(string, string, string?, int, int, long?)>(
            "SELECT node_id, status, lease_owner, lease_epoch, attempts, started_at FROM node_runs WHERE run_id = 'r' ORDER BY node_id");
        Assert.Equal([("a", NodeStatus.Running, "w1", 1, 1, 111L), ("b", NodeStatus.Queued, null, 0, 0, null)], nodes);
        // The lease is timed by the database's clock (one clock for every worker), not by the caller's.
        var leaseUntil = await connection.ExecuteScalarAsync<long>("SELECT lease_until FROM node_runs WHERE node_id = 'a'");
        Assert.InRange(leaseUntil, before + 30_000, after + 30_000);
        var attempt = Assert.Single(await connection.QueryAsync<(string, string, int, string, long, long?)>(
            "SELECT run_id, node_id, attempt, tool, started_at, finished_at FROM node_attempts"));
        Assert.Equal(("r", "a", 1, "t/a", 111L, (long?)null), attempt);
        var started = Assert.Single(await connection.QueryAsync<(long, string, long, string, string?, string, string)>(
            "SELECT seq, run_id, at, kind, node_id, data, origin FROM run_events"));
        Assert.Equal((start.Seq, "r", 222L, "node_started", "a", "{\"attempt\":1}", "worker-1"), started);
    }

    [Fact]
    public async Task StartAttemptAsync_GuardFails_WritesNoAttemptNoEventAndSendsNoNotification()
    {
        var (connectionString, database, store) = await NewStoreAsync();
        await using var _ = database;
        await store.CreateRunAsync(Run("r"), [Node("r", "a"), Node("r", "b")]);
        await using var listener = new NpgsqlConnection(connectionString);
        await listener.OpenAsync();
        var payloads = new List<string>();
        listener.Notification += (_, e) => payloads.Add(e.Payload);
        await listener.ExecuteAsync($"LISTEN {PostgresDatabase.EventChannel}");

        var first = await store.StartAttemptAsync(Attempt("a", 1), "w1", Live, 0, Started("a"));
        var taken = await store.StartAttemptAsync(Attempt("a", 1), "w2", Live, 0, Started("a"));
        var olderGraph = await store.StartAttemptAsync(Attempt("b", 1), "w2", Live, revision: 7, Started("b"));
        var olderCount = await store.StartAttemptAsync(Attempt("b", 2), "w2", Live, 0, Started("b"));
        var last = await store.StartAttemptAsync(Attempt("b", 1), "w3", Live, 0, Started("b"));

        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (payloads.Count < 2)
        {
            await listener.WaitAsync(hang.Token);
        }
        // Notifications arrive in commit order: one sent by a failed start would be the second.
        Assert.Equal([Text(first.Seq), Text(last.Seq)], payloads);
        Assert.Equal(new NodeStartResult(false, 0, NodeStatus.Running, 1, 0), taken);
        Assert.Equal((new NodeStartResult(false, 0, NodeStatus.Queued, 0, 0), true), (olderGraph, olderGraph.Stale));
        Assert.Equal((new NodeStartResult(false, 0, NodeStatus.Queued, 0, 0), true), (olderCount, olderCount.Stale));
        Assert.True(last.Started);
        Assert.Equal([("a", "w1"), ("b", "w3")], await listener.QueryAsync<(string, string)>(
            "SELECT node_id, lease_owner FROM node_runs ORDER BY node_id"));
        Assert.Equal([("a", 1), ("b", 1)], await listener.QueryAsync<(string, int)>(
            "SELECT node_id, attempt FROM node_attempts ORDER BY node_id"));
        Assert.Equal([first.Seq, last.Seq], await listener.QueryAsync<long>("SELECT seq FROM run_events ORDER BY seq"));
    }

    [Fact]
    public async Task StartAttemptAsync_EightWorkersAtOnce_TheLosersSeeTheNodeRunningNotStale()
    {
        var (_, database, store) = await NewStoreAsync();
        await using var _ = database;
        await store.CreateRunAsync(Run("r"), [Node("r", "a")]);

        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(w =>
            store.StartAttemptAsync(Attempt("a", 1), $"w{w}", Live, 0, Started("a")).AsTask()));

        Assert.Single(starts, s => s.Started);
        Assert.All(starts.Where(s => !s.Started), s => Assert.Equal((NodeStatus.Running, 1, false), (s.Status, s.Attempts, s.Stale)));
    }

    private async Task<(string ConnectionString, PostgresDatabase Database, RunStore Store)> NewStoreAsync()
    {
        var connectionString = await server.CreateDatabaseAsync("start");
        var database = new PostgresDatabase(connectionString, TimeProvider.System);
        await DatabaseMigrator.MigrateAsync(database);
        return (connectionString, database, new RunStore(database, new BlobStore(Options.Create(new StorageOptions()))));
    }

    private static readonly TimeSpan Live = TimeSpan.FromHours(1);

    private const string DatabaseNowMs = "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";

    private static string Text(long seq) => seq.ToString(CultureInfo.InvariantCulture);

    private static RunRecord Run(string id) => new()
    {
        Id = id, WorkflowId = "wf", WorkflowName = "wf", Definition = "{}", Inputs = "{}", Status = RunStatus.Running, CreatedAt = 1, StartedAt = 1,
    };

    private static NodeRunRecord Node(string runId, string id) => new()
    {
        RunId = runId, NodeId = id, Tool = $"t/{id}", Status = NodeStatus.Queued, RemainingDeps = 0, QueuedAt = 1,
    };

    private static NodeAttemptRecord Attempt(string nodeId, int attempt, long startedAt = 1) => new()
    {
        RunId = "r", NodeId = nodeId, Attempt = attempt, Tool = $"t/{nodeId}", StartedAt = startedAt,
    };

    private static JournalEntry Started(string nodeId, long at = 1) => new("r", at, "node_started", nodeId, "{\"attempt\":1}", "worker-1");
}
