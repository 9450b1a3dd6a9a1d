using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tests.Infrastructure;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Execution.Dispatch;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Tests.Execution.Dispatch;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Execution;

/// <summary>
/// The sweep re-dispatches what a dead process left behind, and only that: not a node of a cancelled run, and not a node
/// that is only waiting in a live process for a free slot or a busy queue.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NodeRecoveryServiceTests(PostgresServer server)
{
    private static readonly Dictionary<string, JsonElement> NoInputs = [];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SweepAsync_CancelledWhileItsWorkerWasDeadMidNode_SkipsTheNodeAndClosesTheRunCancelled(string dialect)
    {
        await using var databases = new EngineDatabases(server);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var crashedTools = new ScriptedToolSource().Add("charge", async (_, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return ToolCallResult.Success(Json("{}"));
        });
        string runId;
        await using (var crashed = await EngineFixture.StartAsync(
            await databases.ConfigurationAsync(dialect, ("Execution:LeaseSeconds", "1"), ("Execution:RecoveryIntervalSeconds", "600")), crashedTools))
        {
            runId = await crashed.Coordinator.StartAsync(Of("pay", Node("c", "charge")), NoInputs, TenantId.Default);
            await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // The process dies mid-node: the node stays running under its lease (see LocalFirstNodeDispatcherTests) ...
            await crashed.Services.GetRequiredService<LocalFirstNodeDispatcher>().StopAsync(CancellationToken.None);
            // ... and the run is cancelled meanwhile (studio cancel from another process).
            Assert.True(await crashed.Coordinator.CancelAsync(runId, "stop it"));
        }
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the dead worker's lease runs out
        var calls = 0;
        var restartedTools = new ScriptedToolSource().Add("charge", (_, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(ToolCallResult.Success(Json("{}")));
        });

        await using var restarted = await EngineFixture.StartAsync(
            await databases.ConfigurationAsync(dialect, ("Execution:LeaseSeconds", "1"), ("Execution:RecoveryIntervalSeconds", "0.2")), restartedTools);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await restarted.Coordinator.WaitAsync(runId, cancellationToken: timeout.Token);

        Assert.Equal(0, calls);
        Assert.Equal(RunStatus.Cancelled, result.Status);
        var node = Assert.Single(await restarted.Store.GetNodeRunsAsync(runId));
        Assert.Equal((NodeStatus.Skipped, "the run was cancelled"), (node.Status, node.Error));
    }

    [Fact]
    public async Task SweepAsync_NodesWaitingHereForTheOneInProcessSlot_AreNotRedispatched()
    {
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.FromSeconds(1.5));
        var logs = new RecordingLoggerProvider();
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Execution:InProcessSlots"] = "1",
            ["Execution:QueuedGraceSeconds"] = "1",
            ["Execution:RecoveryIntervalSeconds"] = "0.2",
        }, services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs), tools);

        var result = await engine.RunAsync(LocalFirstNodeDispatcherTests.Wide());

        Assert.Equal(RunStatus.Success, result.Status);
        // Six siblings through one slot wait up to 7.5 s, far beyond the 1 s grace: none was taken for lost.
        Assert.Empty(Redispatched(logs));
        Assert.Equal(8, tools.Calls.Count);
    }

    [Fact]
    public async Task SweepAsync_NodesWaitingInABusyPostgresQueue_AreNotRedispatched()
    {
        await using var databases = new EngineDatabases(server);
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.FromSeconds(1.5));
        var logs = new RecordingLoggerProvider();
        await using var engine = await EngineFixture.StartAsync(await databases.ConfigurationAsync("postgres",
            ("Execution:InProcessSlots", "1"), ("Execution:WorkerCount", "1"),
            ("Execution:QueuedGraceSeconds", "1"), ("Execution:RecoveryIntervalSeconds", "0.2")),
            services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs), tools);

        var result = await engine.RunAsync(LocalFirstNodeDispatcherTests.Wide());

        Assert.Equal(RunStatus.Success, result.Status);
        // One slot and one queue worker: four siblings wait in the queue for up to 4.5 s, beyond the 1 s grace.
        Assert.Empty(Redispatched(logs));
        Assert.Equal(8, tools.Calls.Count);
    }

    /// <summary>The sweep's "re-dispatching" warnings so far.</summary>
    private static IReadOnlyList<string> Redispatched(RecordingLoggerProvider logs) =>
        logs.Of<NodeRecoveryService>(Microsoft.Extensions.Logging.LogLevel.Warning).Where(m => m.StartsWith("Re-dispatching", StringComparison.Ordinal)).ToArray();
}
