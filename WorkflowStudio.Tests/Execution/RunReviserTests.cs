using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Execution;

/// <summary>Re-planning (<c>"onFailure": "replan"</c>) against cancel, ended nodes and a re-planner that throws, on both storages.</summary>
public abstract class RunReviserTests
{
    private protected abstract Task<EngineFixture> StartAsync(IReadOnlyDictionary<string, string?> configuration, Action<IServiceCollection> services, params IToolSource[] tools);

    private Task<EngineFixture> StartAsync(params IToolSource[] tools) => StartAsync(new Dictionary<string, string?>(), _ => { }, tools);

    private const string CitySchema = """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}""";

    /// <summary>weather_primary always fails; weather_backup takes the same arguments, so the offline re-planner substitutes it.</summary>
    private static ScriptedToolSource Weather() => new ScriptedToolSource()
        .Add("weather_primary", (_, _) => Task.FromResult(ToolCallResult.Failure("provider down")),
            description: "Current weather forecast for a city", inputSchema: CitySchema)
        .Add("weather_backup", (request, _) => Task.FromResult(ToolCallResult.Success(request.Arguments)),
            description: "Current weather forecast for a city from a backup provider", inputSchema: CitySchema)
        .Add("echo", (request, _) => Task.FromResult(ToolCallResult.Success(request.Arguments)));

    [Fact]
    public async Task Revision_KeepsTheGraphItReplaced_TheTenantsFrontDoorGivesBeforeAndAfter()
    {
        await using var engine = await StartAsync(Weather());
        var workflow = Of("before-after", Node("forecast", "weather_primary", """{"city":"Oslo"}"""),
            Node("report", "echo", """{"temp":"{{ steps.forecast.output.city }}"}""", "forecast")) with { OnFailure = WorkflowDefinition.OnFailureReplan };

        var result = await engine.RunAsync(workflow);
        var front = engine.Services.GetRequiredService<WorkflowStudio.Engine.Application.RunFrontDoor>();
        var graphs = await front.For(TenantId.Default).FindRevisionAsync(result.RunId, 1);

        Assert.Single(result.Revisions);
        Assert.NotNull(graphs?.Before);
        Assert.Contains(graphs.Before.Nodes, n => n.Tool.EndsWith("/weather_primary", StringComparison.Ordinal)); // the graph as the run started
        Assert.DoesNotContain(graphs.Before.Nodes, n => n.Tool.EndsWith("/weather_backup", StringComparison.Ordinal));
        Assert.Contains(graphs.After.Nodes, n => n.Tool.EndsWith("/weather_backup", StringComparison.Ordinal)); // the re-planned one
        Assert.Null(await front.For(TenantId.Default).FindRevisionAsync(result.RunId, 2));
        Assert.Null(await front.For(new TenantId("someone-else")).FindRevisionAsync(result.RunId, 1));
    }

    [Fact]
    public async Task ReviseAsync_RunCancelledWhileANodeRuns_NeverReplansOrRunsANodeAgain()
    {
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowCalls = 0;
        var tools = Weather().Add("slow", async (_, ct) =>
        {
            if (Interlocked.Increment(ref slowCalls) == 1)
            {
                slowStarted.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }
            return ToolCallResult.Success(Json("""{"done":true}"""));
        });
        await using var engine = await StartAsync(tools);
        var workflow = Of("cancel-replan", Node("forecast", "weather_primary", """{"city":"Oslo"}"""), Node("slow", "slow"),
            Node("write", "echo", """{"file":"report.txt"}""", "slow")) with { OnFailure = WorkflowDefinition.OnFailureReplan };
        var runId = await engine.Coordinator.StartAsync(workflow, new Dictionary<string, JsonElement>(), TenantId.Default);
        await slowStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await StoreRuns.UntilAsync(async () => await StoreRuns.NodeStatusAsync(engine.Store, runId, "forecast") == NodeStatus.Error, "forecast failed");

        Assert.True(await engine.Coordinator.CancelAsync(runId, "stop it"));
        var result = await engine.Coordinator.WaitAsync(runId).AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Empty(result.Revisions);
        Assert.Equal(1, Volatile.Read(ref slowCalls));
        Assert.DoesNotContain(tools.Calls, c => c.Tool is "echo" or "weather_backup");
        Assert.All(result.Results.Where(r => r.ActionId != "forecast"), r => Assert.Equal(NodeStatus.Skipped, r.Status));
    }

    [Fact]
    public async Task ReviseAsync_TwoNodesFailWhileTheReplanWaitsAndNoPlanIsFound_BothDependantsAreSkippedAndTheRunCloses()
    {
        var tools = new ScriptedToolSource()
            .Add("boom_a", (_, _) => Task.FromResult(ToolCallResult.Failure("a is down")))
            .Add("boom_b", async (_, ct) =>
            {
                await Task.Delay(300, ct);
                return ToolCallResult.Failure("b is down");
            })
            .Add("echo", (request, _) => Task.FromResult(ToolCallResult.Success(request.Arguments)));
        await using var engine = await StartAsync(tools);
        var workflow = Of("two-failures", Node("a", "boom_a"), Node("b", "boom_b"),
            Node("after_a", "echo", """{"x":1}""", "a"), Node("after_b", "echo", """{"x":2}""", "b")) with { OnFailure = WorkflowDefinition.OnFailureReplan };

        var result = await engine.RunAsync(workflow);

        Assert.Equal(RunStatus.Failed, result.Status);
        var byId = result.Results.ToDictionary(r => r.ActionId);
        Assert.Equal(NodeStatus.Skipped, byId["after_a"].Status);
        Assert.Equal(NodeStatus.Skipped, byId["after_b"].Status);
        Assert.DoesNotContain(tools.Calls, c => c.Tool == "echo");
    }

    [Fact]
    public async Task ReviseAsync_NodeThatAlreadyEndedWithAnError_IsNotRunAgain()
    {
        var tools = Weather().Add("notify", (_, _) => Task.FromResult(ToolCallResult.Failure("smtp down")),
            description: "Send a notification e-mail", inputSchema: """{"type":"object","properties":{"zz_to":{"type":"string"}}}""");
        await using var engine = await StartAsync(tools);
        var workflow = Of("ended", Node("notify", "notify", """{"zz_to":"ops"}""") with { ContinueOnError = true },
            Node("forecast", "weather_primary", """{"city":"Oslo"}"""),
            Node("report", "echo", """{"temp":"{{ steps.forecast.output.city }}"}""", "forecast")) with { OnFailure = WorkflowDefinition.OnFailureReplan };

        var result = await engine.RunAsync(workflow);

        Assert.Single(result.Revisions);
        var byId = result.Results.ToDictionary(r => r.ActionId);
        Assert.Equal(NodeStatus.Success, byId["report"].Status);
        Assert.Equal(NodeStatus.Error, byId["notify"].Status);
        Assert.Contains("smtp down", byId["notify"].Error);
        Assert.Single(tools.Calls, c => c.Tool == "notify");
    }

    [Fact]
    public async Task ApplyRevisionAsync_CancelRequested_RefusesTheRevision()
    {
        await using var engine = await StartAsync();
        var workflow = Of("refuse", Node("a", "weather_primary", """{"city":"Oslo"}"""), Node("b", "echo", null, "a")) with
        {
            OnFailure = WorkflowDefinition.OnFailureReplan,
        };
        var runId = await StoreRuns.CreateAsync(engine.Store, workflow, StoreRuns.LongAgo);
        var held = await StoreRuns.CompleteAsync(engine.Store, runId, "a", NodeStatus.Error, StoreRuns.LongAgo, holdForReplan: true);
        Assert.Equal("a", held.ReplanNode);

        Assert.True((await engine.Store.RequestCancelAsync(runId, "stop", StoreRuns.LongAgo)).Accepted);
        var applied = await engine.Store.ApplyRevisionAsync(new RevisionRecord
        {
            RunId = runId, Revision = 1, FailedNode = "a", Error = "broken", Planner = "test", Explanation = "x", Diff = "{}",
            Definition = WorkflowJson.Serialize(workflow), CreatedAt = StoreRuns.LongAgo,
        }, [new NodeRunRecord { RunId = runId, NodeId = "a", Ordinal = 0, Tool = "test/weather_backup", Status = NodeStatus.Queued, QueuedAt = 1 }], [], "dropped");

        Assert.Null(applied);
        Assert.Equal(NodeStatus.Error, await StoreRuns.NodeStatusAsync(engine.Store, runId, "a"));
    }

    [Fact]
    public async Task ReviseAsync_ReplannerThrows_ClosesTheRunWithTheReason()
    {
        var model = new CountingChatClient((call, _) => call == 1 ? throw new NotSupportedException("model client crashed") : "{}");
        await using var engine = await StartAsync(new Dictionary<string, string?>(), services => services.AddSingleton<IChatClient>(model), Weather());
        var workflow = Of("throws", Node("forecast", "weather_primary", """{"city":"Oslo"}"""), Node("report", "echo", null, "forecast")) with
        {
            OnFailure = WorkflowDefinition.OnFailureReplan,
        };

        var result = await engine.RunAsync(workflow);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Empty(result.Revisions);
        var report = result.Results.Single(r => r.ActionId == "report");
        Assert.Equal(NodeStatus.Skipped, report.Status);
        Assert.Contains("model client crashed", report.Error);
    }
}

public sealed class SqliteRunReviserTests : RunReviserTests
{
    private protected override Task<EngineFixture> StartAsync(IReadOnlyDictionary<string, string?> configuration, Action<IServiceCollection> services, params IToolSource[] tools) =>
        EngineFixture.StartAsync(configuration, services, tools);
}

[Collection(Infrastructure.PostgresCollection.Name)]
public sealed class PostgresRunReviserTests(Infrastructure.PostgresServer server) : RunReviserTests
{
    private protected override Task<EngineFixture> StartAsync(IReadOnlyDictionary<string, string?> configuration, Action<IServiceCollection> services, params IToolSource[] tools) =>
        EngineFixture.StartOnPostgresAsync(server, "revise", configuration, services, tools);
}
