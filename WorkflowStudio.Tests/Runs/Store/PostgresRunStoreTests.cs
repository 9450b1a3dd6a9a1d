using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tests.Infrastructure;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Store;
using WorkflowStudio.Tests.Persistence;

namespace WorkflowStudio.Tests.Runs.Store;

/// <summary>The journal's guarded state changes on a real PostgreSQL, where completions really run concurrently.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRunStoreTests(PostgresServer server)
{
    private async Task<(PostgresDatabase Database, RunStore Store)> NewStoreAsync()
    {
        var database = new PostgresDatabase(await server.CreateDatabaseAsync("store"), TimeProvider.System);
        await DatabaseMigrator.MigrateAsync(database);
        return (database, new RunStore(database, new BlobStore(Options.Create(new StorageOptions()))));
    }

    [Fact]
    public async Task MigrateAsync_TwoProcessesAtOnce_AppliesEachVersionOnce()
    {
        var connectionString = await server.CreateDatabaseAsync("migrate");
        await using var first = new PostgresDatabase(connectionString, TimeProvider.System);
        await using var second = new PostgresDatabase(connectionString, TimeProvider.System);

        var applied = await Task.WhenAll(DatabaseMigrator.MigrateAsync(first), DatabaseMigrator.MigrateAsync(second));

        Assert.Equal(DatabaseMigrator.Scripts("postgres").Count(), applied.Sum());
        Assert.Equal(0, await DatabaseMigrator.MigrateAsync(first));
    }

    [Fact]
    public async Task CompleteNodeAsync_LastTwoDependenciesAtOnce_QueuesTheDependantExactlyOnce()
    {
        var (database, store) = await NewStoreAsync();
        await using var _ = database;
        for (var i = 0; i < 30; i++)
        {
            var runId = $"run{i}";
            await store.CreateRunAsync(Run(runId), [Node(runId, "a", 0, NodeStatus.Queued), Node(runId, "b", 0, NodeStatus.Queued), Node(runId, "c", 2, NodeStatus.Pending)]);
            await store.TryStartNodeAsync(runId, "a", "w1", 1, long.MaxValue);
            await store.TryStartNodeAsync(runId, "b", "w2", 1, long.MaxValue);

            var completions = await Task.WhenAll(
                store.CompleteNodeAsync(runId, "a", Success(["c"])).AsTask(),
                store.CompleteNodeAsync(runId, "b", Success(["c"])).AsTask());

            Assert.Equal(["c"], completions.SelectMany(c => c.Ready));
            Assert.All(completions, c => Assert.True(c.AnyUnfinished)); // c is still to run
        }
    }

    [Fact]
    public async Task CompleteNodeAsync_LastTwoNodesAtOnce_ExactlyOneSeesTheRunFinished()
    {
        var (database, store) = await NewStoreAsync();
        await using var _ = database;
        for (var i = 0; i < 30; i++)
        {
            var runId = $"fin{i}";
            await store.CreateRunAsync(Run(runId), [Node(runId, "a", 0, NodeStatus.Queued), Node(runId, "b", 0, NodeStatus.Queued)]);
            await store.TryStartNodeAsync(runId, "a", "w1", 1, long.MaxValue);
            await store.TryStartNodeAsync(runId, "b", "w2", 1, long.MaxValue);

            var completions = await Task.WhenAll(
                store.CompleteNodeAsync(runId, "a", Success([])).AsTask(),
                store.CompleteNodeAsync(runId, "b", Success([])).AsTask());

            Assert.Single(completions, c => !c.AnyUnfinished);
        }
    }

    [Fact]
    public async Task TryStartNodeAsync_TwoWorkersAtOnce_OnlyOneGetsTheNode()
    {
        var (database, store) = await NewStoreAsync();
        await using var _ = database;
        await store.CreateRunAsync(Run("r"), [Node("r", "a", 0, NodeStatus.Queued)]);

        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => store.TryStartNodeAsync("r", "a", $"w{w}", 1, long.MaxValue).AsTask()));

        Assert.Single(starts, s => s is not null);
    }

    [Fact]
    public async Task ClaimRecoverableNodesAsync_ExpiredLease_RequeuesOnceAndLeavesLiveLeasesAlone()
    {
        var (database, store) = await NewStoreAsync();
        await using var _ = database;
        await store.CreateRunAsync(Run("r"), [Node("r", "dead", 0, NodeStatus.Queued), Node("r", "alive", 0, NodeStatus.Queued)]);
        // Leases on PostgreSQL are timed by its clock: one that ran out a minute ago, one for an hour from now.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await store.TryStartNodeAsync("r", "dead", "crashed", 1, leaseUntil: now - 60_000);
        await store.TryStartNodeAsync("r", "alive", "healthy", 1, leaseUntil: now + 3_600_000);

        var first = await store.ClaimRecoverableNodesAsync(now: 500, queuedBefore: 0, limit: 10);
        var second = await store.ClaimRecoverableNodesAsync(now: 500, queuedBefore: 0, limit: 10);

        Assert.Equal(["dead"], first.Select(n => n.NodeId));
        Assert.Empty(second);
        Assert.NotNull(await store.TryStartNodeAsync("r", "dead", "rescuer", 600, 10_000));
    }

    [Fact]
    public async Task CompleteNodeAsync_LargeOutput_IsStoredOnceByReferenceAndReadBackWhole()
    {
        var (database, store) = await NewStoreAsync();
        await using var _ = database;
        await store.CreateRunAsync(Run("r"), [Node("r", "big", 0, NodeStatus.Queued)]);
        await store.TryStartNodeAsync("r", "big", "w", 1, long.MaxValue);
        var output = "\"" + new string('x', StorageOptions.DefaultMaxInlineOutputBytes + 10) + "\"";

        await store.CompleteNodeAsync("r", "big", Success([]) with { Output = output });

        var journaled = (await store.GetNodeRunsAsync("r")).Single();
        Assert.True(journaled.Output!.Length < 1000, "the journal row should hold a reference, not the output");
        Assert.Contains("\"$blob\"", journaled.Output);
        Assert.Equal(output, (await store.GetNodeRunsAsync("r", ["big"])).Single().Output);
    }

    private static RunRecord Run(string id) => new()
    {
        Id = id, WorkflowId = "wf", WorkflowName = "wf", Definition = "{}", Inputs = "{}", Status = RunStatus.Running, CreatedAt = 1, StartedAt = 1,
    };

    private static NodeRunRecord Node(string runId, string id, int deps, string status) => new()
    {
        RunId = runId, NodeId = id, Tool = "t/t", Status = status, RemainingDeps = deps, QueuedAt = status == NodeStatus.Queued ? 1 : null,
    };

    private static NodeOutcome Success(IReadOnlyList<string> dependants) => new()
    {
        Status = NodeStatus.Success, FinishedAt = 2, Output = "1", Dependants = dependants,
        LeaseEpoch = 0, // TryStartNodeAsync takes a node without numbering an attempt: its fencing token stays 0
    };
}
