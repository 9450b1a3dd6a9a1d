using Dapper;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tests.Infrastructure;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Store;
using WorkflowStudio.Tests.Persistence;

namespace WorkflowStudio.Tests.Runs.Store;

/// <summary>
/// A node's start (lease, attempt row, NodeStarted) and its end (attempt end, completion, NodeFinished) are one transaction
/// each, on both databases: the row and its event are written together, or, when the guard fails, neither.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TransitionBatchTests(PostgresServer server) : IAsyncLifetime
{
    private readonly MigratedDatabases _databases = new(server, "batch");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task StartAttemptAsync_QueuedNode_TakesLeaseAndWritesAttemptAndEventTogether(string dialect)
    {
        var (database, store) = await NewStoreAsync(dialect);
        await store.CreateRunAsync(Run("r"), [Node("r", "a", NodeStatus.Queued)]);

        var start = await store.StartAttemptAsync(Attempt("r", "a", 1), "w1", Live, 0, Event("r", "a", "node_started"));

        Assert.True(start.Started);
        var node = (await store.GetNodeRunsAsync("r")).Single();
        Assert.Equal((NodeStatus.Running, "w1", 1), (node.Status, node.LeaseOwner, node.Attempts));
        Assert.Single(await store.GetAttemptsAsync("r"));
        Assert.Equal([start.Seq], (await store.ReadEventsAsync(0, 100, "r")).Select(e => e.Seq));
        Assert.Equal(1, await CountAsync(database, "SELECT COUNT(*) FROM run_events WHERE run_id = 'r'"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task StartAttemptAsync_NodeTakenOrGraphRevised_WritesNeitherAttemptNorEvent(string dialect)
    {
        var (_, store) = await NewStoreAsync(dialect);
        await store.CreateRunAsync(Run("r"), [Node("r", "a", NodeStatus.Queued), Node("r", "b", NodeStatus.Queued)]);
        Assert.True((await store.StartAttemptAsync(Attempt("r", "a", 1), "w1", Live, 0, Event("r", "a", "node_started"))).Started);

        var duplicate = await store.StartAttemptAsync(Attempt("r", "a", 1), "w2", Live, 0, Event("r", "a", "node_started"));
        var olderGraph = await store.StartAttemptAsync(Attempt("r", "b", 1), "w2", Live, revision: 7, Event("r", "b", "node_started"));

        Assert.Equal((false, false, NodeStatus.Running), (duplicate.Started, duplicate.Stale, duplicate.Status));
        Assert.Equal((false, true, 0), (olderGraph.Started, olderGraph.Stale, olderGraph.Revision));
        Assert.Single(await store.GetAttemptsAsync("r"));
        Assert.Single(await store.ReadEventsAsync(0, 100, "r"));
        Assert.Equal("w1", (await store.GetNodeRunsAsync("r")).Single(n => n.NodeId == "a").LeaseOwner);
        Assert.Equal(NodeStatus.Queued, (await store.GetNodeRunsAsync("r")).Single(n => n.NodeId == "b").Status);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task StartAttemptAsync_EightWorkersAtOnce_OneAttemptAndOneEvent(string dialect)
    {
        var (_, store) = await NewStoreAsync(dialect);
        await store.CreateRunAsync(Run("r"), [Node("r", "a", NodeStatus.Queued)]);

        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(w =>
            store.StartAttemptAsync(Attempt("r", "a", 1), $"w{w}", Live, 0, Event("r", "a", "node_started")).AsTask()));

        Assert.Single(starts, s => s.Started);
        Assert.Single(await store.GetAttemptsAsync("r"));
        Assert.Single(await store.ReadEventsAsync(0, 100, "r"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task StartAttemptAsync_WorkerDiedAfterStart_RowsAndEventAgreeAndTheRescuerNumbersOn(string dialect)
    {
        var (_, store) = await NewStoreAsync(dialect);
        await store.CreateRunAsync(Run("r"), [Node("r", "a", NodeStatus.Queued)]);
        await store.StartAttemptAsync(Attempt("r", "a", 1), "crashed", Expired, 0, Event("r", "a", "node_started"));
        // The worker died here: nothing more of it is written.

        var attempt = (await store.GetAttemptsAsync("r")).Single();
        Assert.Equal((1, (long?)null), (attempt.Attempt, attempt.FinishedAt));
        Assert.Single(await store.ReadEventsAsync(0, 100, "r"));
        Assert.Single(await store.ClaimRecoverableNodesAsync(now: 500, queuedBefore: 0, limit: 10));
        var rescue = await store.StartAttemptAsync(Attempt("r", "a", 2), "rescuer", Live, 0, Event("r", "a", "node_started"));

        Assert.True(rescue.Started);
        Assert.Equal([1, 2], (await store.GetAttemptsAsync("r")).Select(a => a.Attempt));
        Assert.Equal(2, (await store.ReadEventsAsync(0, 100, "r")).Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CompleteNodeAsync_Applied_WritesAttemptEndCompletionAndEventsTogether(string dialect)
    {
        var (_, store) = await NewStoreAsync(dialect);
        await store.CreateRunAsync(Run("r"), [Node("r", "a", NodeStatus.Queued), Node("r", "b", NodeStatus.Pending, deps: 1)]);
        await store.StartAttemptAsync(Attempt("r", "a", 1), "w1", Live, 0, Event("r", "a", "node_started"));

        var completion = await store.CompleteNodeAsync("r", "a", Success(["b"]) with { FinishedAttempt = Attempt("r", "a", 1) with { FinishedAt = 2, Outcome = "success" } },
            applied => [Event("r", "a", "node_finished"), .. applied.Ready.Select(id => Event("r", id, "note"))]);

        Assert.Equal(["b"], completion.Ready);
        Assert.Equal(2, completion.EventSeqs.Count);
        Assert.Equal(completion.EventSeqs, (await store.ReadEventsAsync(0, 100, "r")).Skip(1).Select(e => e.Seq));
        Assert.Equal("success", (await store.GetAttemptsAsync("r")).Single().Outcome);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CompleteNodeAsync_GuardFails_WritesNeitherTheAttemptEndNorAnEvent(string dialect)
    {
        var (_, store) = await NewStoreAsync(dialect);
        await store.CreateRunAsync(Run("r"), [Node("r", "a", NodeStatus.Queued), Node("r", "b", NodeStatus.Queued)]);
        await store.StartAttemptAsync(Attempt("r", "a", 1), "w1", Live, 0, Event("r", "a", "node_started"));
        await store.RequestCancelAsync("r", "stop", 2); // skips b (queued); a is running and stops itself
        await store.CompleteNodeAsync("r", "a", Success([]) with { Status = NodeStatus.Skipped });
        var calls = 0;

        var late = await store.CompleteNodeAsync("r", "a", Success([]) with { FinishedAttempt = Attempt("r", "a", 1) with { FinishedAt = 3, Outcome = "success" } },
            _ => { calls++; return [Event("r", "a", "node_finished")]; });

        Assert.Equal((false, 0, 0), (late.Applied, late.EventSeqs.Count, calls));
        Assert.Single(await store.ReadEventsAsync(0, 100, "r"));
        Assert.Null((await store.GetAttemptsAsync("r")).Single().Outcome);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CompleteNodeAsync_WorkerWhoseLeaseWasTakenOver_ChangesNothingAndTheNewHolderCompletes(string dialect)
    {
        var (_, store) = await NewStoreAsync(dialect);
        await store.CreateRunAsync(Run("r"), [Node("r", "a", NodeStatus.Queued)]);
        await store.StartAttemptAsync(Attempt("r", "a", 1), "w1", Expired, 0, Event("r", "a", "node_started"));
        Assert.Single(await store.ClaimRecoverableNodesAsync(now: 500, queuedBefore: 0, limit: 10));
        Assert.True((await store.StartAttemptAsync(Attempt("r", "a", 2), "w2", Live, 0, Event("r", "a", "node_started"))).Started);

        var renewed = await store.RenewLeaseAsync("r", "a", "w1", epoch: 1, now: 600, Live);
        var retried = await store.RecordAttemptStartedAsync(Attempt("r", "a", 3), epoch: 1);
        var failed = await store.RecordAttemptFinishedAsync(Attempt("r", "a", 1) with { FinishedAt = 3, Outcome = "error" }, epoch: 1);
        var late = await store.CompleteNodeAsync("r", "a", Success([]) with { Output = "\"late\"", FinishedAttempt = Attempt("r", "a", 1) with { FinishedAt = 3, Outcome = "success" } });
        var holder = await store.CompleteNodeAsync("r", "a", Success([]) with { LeaseEpoch = 2, Output = "\"holder\"" });

        Assert.Equal((false, (long?)null, (long?)null, false, true), (renewed, retried, failed, late.Applied, holder.Applied));
        Assert.Equal("\"holder\"", (await store.GetNodeRunsAsync("r")).Single().Output);
        Assert.Equal(new (int, string?)[] { (1, null), (2, null) }, (await store.GetAttemptsAsync("r")).Select(a => (a.Attempt, a.Outcome)));
        Assert.False(await store.RenewLeaseAsync("r", "a", "w2", epoch: 2, now: 600, Live)); // finished: nothing left to hold
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task StartAttemptAsync_RunAskedToCancel_DoesNotStartAndSaysWhy(string dialect)
    {
        var (_, store) = await NewStoreAsync(dialect);
        await store.CreateRunAsync(Run("r"), [Node("r", "a", NodeStatus.Queued), Node("r", "b", NodeStatus.Queued)]);
        await store.StartAttemptAsync(Attempt("r", "a", 1), "w1", Expired, 0, Event("r", "a", "node_started"));
        await store.RequestCancelAsync("r", "stop", 2); // b skipped; a, running, is left to its worker (which died)

        var claimed = await store.ClaimRecoverableNodesAsync(now: 500, queuedBefore: 0, limit: 10);
        var start = await store.StartAttemptAsync(Attempt("r", "a", 2), "w2", Live, 0, Event("r", "a", "node_started"));

        Assert.Equal([("a", true)], claimed.Select(n => (n.NodeId, n.RunCancelled)));
        Assert.Equal((false, true, false, NodeStatus.Queued), (start.Started, start.RunCancelled, start.Stale, start.Status));
        Assert.Single(await store.GetAttemptsAsync("r"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _databases.DisposeAsync().AsTask();

    private async Task<(IDatabase Database, RunStore Store)> NewStoreAsync(string dialect)
    {
        var database = await _databases.OpenAsync(dialect);
        return (database, new RunStore(database, new BlobStore(Options.Create(new StorageOptions()))));
    }

    private static async Task<long> CountAsync(IDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static RunRecord Run(string id) => new()
    {
        Id = id, WorkflowId = "wf", WorkflowName = "wf", Definition = "{}", Inputs = "{}", Status = RunStatus.Running, CreatedAt = 1, StartedAt = 1,
    };

    private static NodeRunRecord Node(string runId, string id, string status, int deps = 0) => new()
    {
        RunId = runId, NodeId = id, Tool = "t/t", Status = status, RemainingDeps = deps, QueuedAt = status == NodeStatus.Queued ? 1 : null,
    };

    private static NodeAttemptRecord Attempt(string runId, string nodeId, int attempt) => new()
    {
        RunId = runId, NodeId = nodeId, Attempt = attempt, Tool = "t/t", StartedAt = 1,
    };

    private static JournalEntry Event(string runId, string nodeId, string kind) => new(runId, 1, kind, nodeId, "{}", "test");

    /// <summary>A lease long enough for any test; one that has run out already.</summary>
    private static readonly TimeSpan Live = TimeSpan.FromHours(1), Expired = TimeSpan.FromSeconds(-10);

    /// <summary>The completion of the worker that took the node with attempt 1.</summary>
    private static NodeOutcome Success(IReadOnlyList<string> dependants) => new()
    {
        Status = NodeStatus.Success, FinishedAt = 2, Output = "1", Dependants = dependants, LeaseEpoch = 1,
    };
}
