using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Execution.Dispatch;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Execution.Dispatch;

/// <summary>
/// A worker process starts the nodes that become ready in it itself, up to <c>Execution:InProcessSlots</c> at once, and
/// sends the rest through the Hangfire queue; on stop it cancels what runs here and leaves it to the journal's lease.
/// </summary>
public sealed class LocalFirstNodeDispatcherTests
{
    internal static readonly string[] Siblings = ["s1", "s2", "s3", "s4", "s5", "s6"];

    [Fact]
    public async Task Run_InAWorkerProcess_StartsEveryNodeWithoutAQueueJob()
    {
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.FromMilliseconds(20));
        await using var engine = await EngineFixture.StartAsync(tools);

        var result = await engine.RunAsync(Diamond());

        Assert.Equal(RunStatus.Success, result.Status);
        Assert.Equal(5, tools.Calls.Count);
        Assert.Equal(0, JobsEver(engine));
    }

    [Fact]
    public async Task Run_WithoutInProcessSlots_SendsEveryNodeThroughTheQueue()
    {
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.FromMilliseconds(20));
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string?> { ["Execution:InProcessSlots"] = "0" }, tools);

        var result = await engine.RunAsync(Diamond());

        Assert.Equal(RunStatus.Success, result.Status);
        Assert.IsType<HangfireNodeDispatcher>(engine.Services.GetRequiredService<INodeDispatcher>());
        // The last job turns Succeeded just after its node completed the run.
        Assert.Equal(5, await SucceededJobsAsync(engine, atLeast: 5));
    }

    [Fact]
    public async Task Run_MoreReadyNodesThanSlotsWithAnInMemoryQueue_WaitHereForAFreeSlot()
    {
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.FromMilliseconds(100));
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string?> { ["Execution:InProcessSlots"] = "2" }, tools);

        var result = await engine.RunAsync(Wide());

        Assert.Equal(RunStatus.Success, result.Status);
        // Only this process reads the in-memory queue, so going through it would only add its cost: no job at all.
        Assert.Equal(0, JobsEver(engine));
        // Two slots: the six siblings ran at most two at a time, each as soon as one ended.
        var siblings = tools.Calls.Where(c => Siblings.Contains(c.Key!.Split(':')[1])).ToArray();
        Assert.Equal(6, siblings.Length);
        Assert.All(siblings, call => Assert.InRange(siblings.Count(other => other.Start < call.Start && other.End > call.Start), 0, 1));
    }

    internal static Engine.Workflows.WorkflowDefinition Wide() =>
        Of("wide", [Node("root", "work"), .. Siblings.Select(id => Node(id, "work", null, "root")), Node("sink", "work", null, Siblings)]);

    [Fact]
    public async Task StopAsync_CancelsTheNodeRunningHereAndLeavesItLeasedForRecovery()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new ScriptedToolSource().Add("hang", async (_, ct) =>
        {
            entered.TrySetResult();
            await using var registration = ct.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        await using var engine = await EngineFixture.StartAsync(tools);
        var runId = await engine.Coordinator.StartAsync(Of("hangs", Node("h", "hang")), new Dictionary<string, System.Text.Json.JsonElement>(), TenantId.Default);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var dispatcher = engine.Services.GetRequiredService<LocalFirstNodeDispatcher>();

        await dispatcher.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(cancelled.Task.IsCompleted, "the tool call was not cancelled");
        var node = Assert.Single(await engine.Store.GetNodeRunsAsync(runId));
        Assert.Equal(NodeStatus.Running, node.Status); // leased: the recovery sweep re-runs it once the lease runs out
        Assert.Equal(engine.Services.GetRequiredService<WorkerIdentity>().Id, node.LeaseOwner);
        // From now on a ready node goes through the queue, to a worker that is not stopping.
        var monitoring = engine.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        long Jobs() => monitoring.GetStatistics() is var s ? s.Enqueued + s.Processing + s.Succeeded : 0;
        var before = Jobs();
        dispatcher.Dispatch(runId, ["h"]);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Jobs() == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        Assert.Equal(before + 1, Jobs());
    }

    internal static Engine.Workflows.WorkflowDefinition Diamond() => Of("diamond",
        Node("a", "work"), Node("b", "work", null, "a"), Node("c", "work", null, "a"), Node("d", "work", null, "a"), Node("e", "work", null, "b", "c", "d"));

    /// <summary>Every Hangfire job the engine's storage has seen, in any state.</summary>
    private static long JobsEver(EngineFixture engine) =>
        engine.Services.GetRequiredService<JobStorage>().GetMonitoringApi().GetStatistics() is var jobs
            ? jobs.Succeeded + jobs.Enqueued + jobs.Processing + jobs.Failed
            : 0;

    /// <summary>Hangfire's succeeded count once it reached <paramref name="atLeast"/> and held still for a moment (or after 10 s).</summary>
    internal static async Task<long> SucceededJobsAsync(EngineFixture engine, long atLeast)
    {
        var monitoring = engine.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (monitoring.GetStatistics().Succeeded < atLeast && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        await Task.Delay(200);
        return monitoring.GetStatistics().Succeeded;
    }
}

/// <summary>With a queue other worker processes read (PostgreSQL), ready nodes beyond the slots go there.</summary>
[Collection(Infrastructure.PostgresCollection.Name)]
public sealed class PostgresLocalFirstNodeDispatcherTests(Infrastructure.PostgresServer server)
{
    /// <summary>
    /// Behaviour, not timing: the six siblings all run (once each) and the sink after them, and the two slots bound how
    /// many of them run here, so at least four went to the shared queue. Whether the queued ones overlap in time depends
    /// on how busy the machine is; WorkflowStudio.Bench measures the parallelism.
    /// </summary>
    [Fact]
    public async Task Run_MoreReadyNodesThanSlotsWithASharedQueue_QueuesTheRestAndRunsEveryNodeOnce()
    {
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.FromMilliseconds(300));
        await using var engine = await EngineFixture.StartAsync(
            new Dictionary<string, string?>
            {
                ["Studio:Storage"] = "postgres",
                ["ConnectionStrings:Studio"] = await server.CreateDatabaseAsync("localfirst"),
                ["Execution:WorkerCount"] = "8",
                ["Execution:InProcessSlots"] = "2",
            },
            tools);

        var result = await engine.RunAsync(LocalFirstNodeDispatcherTests.Wide());

        Assert.Equal(RunStatus.Success, result.Status);
        var ids = tools.Calls.Select(c => c.Key!.Split(':')[1]).ToArray();
        string[] expected = ["root", .. LocalFirstNodeDispatcherTests.Siblings, "sink"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        var calls = tools.Calls.ToDictionary(c => c.Key!.Split(':')[1]);
        Assert.All(LocalFirstNodeDispatcherTests.Siblings, id => Assert.True(calls[id].Start >= calls["root"].End, $"{id} started before root ended"));
        Assert.All(LocalFirstNodeDispatcherTests.Siblings, id => Assert.True(calls["sink"].Start >= calls[id].End, $"sink started before {id} ended"));
        // Two slots, and the root still holds one while it dispatches: at most two siblings run here, the others are jobs.
        var queued = await LocalFirstNodeDispatcherTests.SucceededJobsAsync(engine, atLeast: 4);
        Assert.InRange(queued, 4, 8);
    }
}
