using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tests.Infrastructure;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Execution;

/// <summary>
/// A node's side effect happens at most once for a tool that is not idempotent: the lease is held until the result is
/// committed, a worker that lost it stops its call and commits nothing, and a call whose outcome is unknown is not repeated.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NodeExecutorLeaseTests(PostgresServer server)
{
    private static readonly Dictionary<string, JsonElement> NoInputs = [];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ExecuteAsync_LeaseTakenOverMidCall_CancelsTheCallAndDoesNotCallTheNonIdempotentToolAgain(string dialect)
    {
        await using var databases = new EngineDatabases(server);
        var calls = 0;
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new ScriptedToolSource().Add("charge", async (_, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                entered.TrySetResult();
                await using var registration = ct.Register(() => cancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, ct);
            }
            return ToolCallResult.Success(Json("{}"));
        });
        await using var engine = await EngineFixture.StartAsync(
            await databases.ConfigurationAsync(dialect, ("Execution:LeaseSeconds", "1"), ("Execution:RecoveryIntervalSeconds", "600")), tools);
        var runId = await engine.Coordinator.StartAsync(Of("pay", Node("c", "charge")), NoInputs, TenantId.Default);
        await entered.Task.WaitAsync(Patience);

        await EngineDatabases.TakeOverAsync(engine, runId, "c");
        using var timeout = new CancellationTokenSource(Patience);
        var result = await engine.Coordinator.WaitAsync(runId, cancellationToken: timeout.Token);

        Assert.Equal(1, calls);
        var node = Assert.Single(result.Results);
        Assert.Equal(NodeStatus.Error, node.Status);
        Assert.StartsWith("outcome unknown: the worker lost its lease while calling a non-idempotent tool; not retried", node.Error);
        await cancelled.Task.WaitAsync(Patience); // the worker that lost the lease stopped its call
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ExecuteAsync_LeaseTakenOverMidCallOfAnIdempotentTool_RunsAgainAndTheLateWorkersResultIsNotCommitted(string dialect)
    {
        await using var databases = new EngineDatabases(server);
        var calls = 0;
        var firstEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseSecond = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new ScriptedToolSource().Add("put", async (_, _) =>
        {
            // Neither call heeds cancellation: the first answers late, after another worker took the node over.
            if (Interlocked.Increment(ref calls) == 1)
            {
                firstEntered.TrySetResult();
                await releaseFirst.Task;
                return ToolCallResult.Success(Json("""{"who":"first"}"""));
            }
            secondEntered.TrySetResult();
            await releaseSecond.Task;
            return ToolCallResult.Success(Json("""{"who":"second"}"""));
        }, new ToolAnnotations { Idempotent = true });
        await using var engine = await EngineFixture.StartAsync(
            await databases.ConfigurationAsync(dialect, ("Execution:LeaseSeconds", "1"), ("Execution:RecoveryIntervalSeconds", "600")), tools);
        var runId = await engine.Coordinator.StartAsync(Of("put", Node("p", "put")), NoInputs, TenantId.Default);
        await firstEntered.Task.WaitAsync(Patience);

        await EngineDatabases.TakeOverAsync(engine, runId, "p");
        await secondEntered.Task.WaitAsync(Patience);
        releaseFirst.SetResult();
        await WaitForAsync(() => tools.Calls.Count == 1);
        await Task.Delay(TimeSpan.FromSeconds(1)); // time for the late worker to (wrongly) commit its result
        var meanwhile = Assert.Single(await engine.Store.GetNodeRunsAsync(runId));
        releaseSecond.SetResult();
        using var timeout = new CancellationTokenSource(Patience);
        var result = await engine.Coordinator.WaitAsync(runId, cancellationToken: timeout.Token);

        Assert.Equal(NodeStatus.Running, meanwhile.Status);
        Assert.Equal(RunStatus.Success, result.Status);
        Assert.Equal("second", Assert.Single(result.Results).Result!.Value.GetProperty("who").GetString());
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task ExecuteAsync_CompletionWaitsForTheRunRowLockLongerThanTheLease_KeepsTheLeaseUntilTheResultIsCommitted()
    {
        await using var databases = new EngineDatabases(server);
        var configuration = await databases.ConfigurationAsync("postgres",
            ("Execution:LeaseSeconds", "1"), ("Execution:RecoveryIntervalSeconds", "0.2"), ("Execution:QueuedGraceSeconds", "30"));
        var calls = 0;
        await using var blocker = new NpgsqlConnection(configuration["ConnectionStrings:Studio"]);
        await blocker.OpenAsync();
        await using var observer = new NpgsqlConnection(configuration["ConnectionStrings:Studio"]);
        await observer.OpenAsync();
        NpgsqlTransaction? holding = null;
        var tools = new ScriptedToolSource().Add("charge", async (request, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                // Another completion of the run holds its row lock (a wide fan-out): this node's commit waits behind it.
                holding = await blocker.BeginTransactionAsync(ct);
                await blocker.ExecuteAsync("SELECT 1 FROM runs FOR UPDATE", transaction: holding);
            }
            return ToolCallResult.Success(Json("{}"));
        });
        await using var engine = await EngineFixture.StartAsync(configuration, tools);
        var runId = await engine.Coordinator.StartAsync(Of("pay", Node("c", "charge")), NoInputs, TenantId.Default);

        await WaitForAsync(() => holding is not null);
        await Task.Delay(TimeSpan.FromSeconds(3.5)); // three leases, seventeen sweeps
        var (status, leaseLeftMs) = await observer.QuerySingleAsync<(string, long?)>(
            "SELECT status, lease_until - CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT) FROM node_runs WHERE run_id = @runId", new { runId });
        await holding!.CommitAsync();
        using var timeout = new CancellationTokenSource(Patience);
        var result = await engine.Coordinator.WaitAsync(runId, cancellationToken: timeout.Token);

        Assert.Equal(NodeStatus.Running, status); // still this worker's: not re-queued by the sweep
        Assert.True(leaseLeftMs > 0, $"the lease had run out {-leaseLeftMs} ms before the result was committed");
        Assert.Equal(RunStatus.Success, result.Status);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task ExecuteAsync_WorkerClockMinutesBehind_AnotherWorkersSweepLeavesItsLeaseAlone()
    {
        await using var databases = new EngineDatabases(server);
        var configuration = await databases.ConfigurationAsync("postgres", ("Execution:RecoveryIntervalSeconds", "0.2"));
        var calls = 0;
        ScriptedToolSource Tools() => new ScriptedToolSource().Add("charge", async (_, ct) =>
        {
            Interlocked.Increment(ref calls);
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            return ToolCallResult.Success(Json("{}"));
        });
        await using var behind = await EngineFixture.StartAsync(
            configuration, services => services.AddSingleton<TimeProvider>(new SkewedTimeProvider(TimeSpan.FromMinutes(-5))), Tools());
        await using var onTime = await EngineFixture.StartAsync(configuration, Tools());

        var runId = await behind.Coordinator.StartAsync(Of("pay", Node("c", "charge")), NoInputs, TenantId.Default);
        using var timeout = new CancellationTokenSource(Patience);
        var result = await onTime.Coordinator.WaitAsync(runId, cancellationToken: timeout.Token);

        Assert.Equal(RunStatus.Success, result.Status);
        Assert.Equal(1, calls);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the condition");
            await Task.Delay(20);
        }
    }

    /// <summary>The system clock, off by <paramref name="offset"/> (a worker on a machine whose clock is wrong); timers are real.</summary>
    private sealed class SkewedTimeProvider(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
