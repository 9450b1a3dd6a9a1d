using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Execution;

/// <summary>
/// Every run reaches a final state: runs whose closing (or re-plan) was lost at a crash point, simulated by moving the run
/// through the store alone, are closed by the run sweep; a retried completion and a failing finalizer still close the run.
/// </summary>
public abstract class RunCloserTests
{
    private protected abstract Task<EngineFixture> StartAsync(IReadOnlyDictionary<string, string?> configuration, Action<IServiceCollection> services, params IToolSource[] tools);

    /// <summary>The engine's own sweep stays out of the way (a long interval) unless a test wants it.</summary>
    private Task<EngineFixture> StartAsync(params IToolSource[] tools) =>
        StartAsync(new Dictionary<string, string?> { ["Execution:RecoveryIntervalSeconds"] = "600" }, _ => { }, tools);

    private static ScriptedToolSource Tools() => new ScriptedToolSource()
        .AddDelay("ok", TimeSpan.Zero)
        .Add("unique", (_, _) => Task.FromResult(ToolCallResult.Failure("broken")), description: "A tool nothing else can replace",
            inputSchema: """{"type":"object","properties":{"zz_unique_arg":{"type":"string"}},"required":["zz_unique_arg"]}""");

    [Fact]
    public async Task SweepAsync_LastNodeCommittedButTheRunNeverClosed_ClosesTheRun()
    {
        await using var engine = await StartAsync(Tools());
        var runId = await StoreRuns.CreateAsync(engine.Store, Of("lost-close", Node("a", "ok"), Node("b", "ok", null, "a")), StoreRuns.LongAgo);
        await StoreRuns.CompleteAsync(engine.Store, runId, "a", NodeStatus.Success, StoreRuns.LongAgo, ["b"]);
        var last = await StoreRuns.CompleteAsync(engine.Store, runId, "b", NodeStatus.Success, StoreRuns.LongAgo);
        Assert.False(last.AnyUnfinished); // the crash point: the last node is committed, the run is not closed

        await engine.Services.GetRequiredService<RunCloser>().SweepAsync(CancellationToken.None);

        var run = (await engine.Store.GetRunAsync(runId))!;
        Assert.Equal(RunStatus.Success, run.Status);
        Assert.NotNull(run.Summary);
    }

    [Fact]
    public async Task SweepAsync_RecentlyFinishedNodes_LeavesTheRunToItsOwnCompletionUntilTheGraceIsOver()
    {
        await using var engine = await StartAsync(Tools());
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var runId = await StoreRuns.CreateAsync(engine.Store, Of("fresh", Node("a", "ok")), now);
        await StoreRuns.CompleteAsync(engine.Store, runId, "a", NodeStatus.Success, now);

        await engine.Services.GetRequiredService<RunCloser>().SweepAsync(CancellationToken.None);

        Assert.Equal(RunStatus.Running, (await engine.Store.GetRunAsync(runId))!.Status);
    }

    [Fact]
    public async Task SweepAsync_CrashWhileReplanning_ReplansAndClosesTheRun()
    {
        await using var engine = await StartAsync(Tools());
        var workflow = Of("lost-replan", Node("bad", "unique", """{"zz_unique_arg":"x"}"""), Node("child", "ok", null, "bad"), Node("other", "ok")) with
        {
            OnFailure = WorkflowDefinition.OnFailureReplan,
        };
        var runId = await StoreRuns.CreateAsync(engine.Store, workflow, StoreRuns.LongAgo);
        await StoreRuns.CompleteAsync(engine.Store, runId, "other", NodeStatus.Success, StoreRuns.LongAgo);
        var held = await StoreRuns.CompleteAsync(engine.Store, runId, "bad", NodeStatus.Error, StoreRuns.LongAgo, holdForReplan: true);
        Assert.Equal(("bad", 0), (held.ReplanNode, held.InFlight)); // the crash point: a re-plan is due, nobody does it

        await engine.Services.GetRequiredService<RunCloser>().SweepAsync(CancellationToken.None);

        var run = (await engine.Store.GetRunAsync(runId))!;
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("re-planning did not produce a runnable plan", (await engine.Store.GetNodeRunsAsync(runId, ["child"])).Single().Error);
    }

    [Fact]
    public async Task CompleteAsync_RetriedCompletionOfTheLastNode_ClosesTheRun()
    {
        await using var engine = await StartAsync(Tools());
        var workflow = Of("retried", Node("a", "ok"));
        var runId = await StoreRuns.CreateAsync(engine.Store, workflow, StoreRuns.LongAgo);
        var outcome = new NodeOutcome { Status = NodeStatus.Success, FinishedAt = StoreRuns.LongAgo, Output = "{}" };
        // The first commit went through but its reply was lost; the retry finds the node already ended.
        await engine.Store.CompleteNodeAsync(runId, "a", outcome);
        var contexts = engine.Services.GetRequiredService<RunContextCache>();
        var context = (await contexts.GetAsync(runId))!;

        await engine.Services.GetRequiredService<NodeCompleter>().CompleteAsync(context, workflow.Nodes[0], outcome, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(RunStatus.Success, (await engine.Store.GetRunAsync(runId))!.Status);
    }

    [Fact]
    public async Task SweepAsync_FinalizerKeepsFailing_ClosesTheRunAsFailedWithTheReason()
    {
        var model = new CountingChatClient((_, _) => throw new NotSupportedException("synthesis model crashed"));
        await using var engine = await StartAsync(
            new Dictionary<string, string?> { ["Execution:RecoveryIntervalSeconds"] = "0.2", ["Execution:RunCloseGraceSeconds"] = "1" },
            services => services.AddSingleton<IChatClient>(model), Tools());

        var result = await engine.RunAsync(Of("never-closes", Node("a", "ok")));

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("synthesis model crashed", result.Error);
        Assert.Contains("could not be closed", result.Error);
        Assert.Equal(NodeStatus.Success, Assert.Single(result.Results).Status);
        Assert.True(model.Calls >= RunCloser.MaxCloseAttempts, $"{model.Calls} model calls");
    }
}

public sealed class SqliteRunCloserTests : RunCloserTests
{
    private protected override Task<EngineFixture> StartAsync(IReadOnlyDictionary<string, string?> configuration, Action<IServiceCollection> services, params IToolSource[] tools) =>
        EngineFixture.StartAsync(configuration, services, tools);
}

[Collection(Infrastructure.PostgresCollection.Name)]
public sealed class PostgresRunCloserTests(Infrastructure.PostgresServer server) : RunCloserTests
{
    private protected override Task<EngineFixture> StartAsync(IReadOnlyDictionary<string, string?> configuration, Action<IServiceCollection> services, params IToolSource[] tools) =>
        EngineFixture.StartOnPostgresAsync(server, "closer", configuration, services, tools);
}
