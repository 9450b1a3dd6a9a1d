using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Execution;

/// <summary>The engine's behaviour, the same on both storages (see the two concrete classes below).</summary>
public abstract class RunCoordinatorTests
{
    /// <summary>Starts a real engine over <paramref name="tools"/> on the storage under test.</summary>
    private protected abstract Task<EngineFixture> StartAsync(params IToolSource[] tools);

    private static readonly ToolAnnotations Idempotent = new() { Idempotent = true };

    [Fact]
    public async Task RunAsync_Diamond_RunsSiblingsInParallelAndEachNodeOnce()
    {
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.FromMilliseconds(300));
        await using var engine = await StartAsync(tools);

        var result = await engine.RunAsync(Of("diamond",
            Node("a", "work"), Node("b", "work", null, "a"), Node("c", "work", null, "a"), Node("d", "work", null, "a"),
            Node("e", "work", null, "b", "c", "d")));

        Assert.Equal(RunStatus.Success, result.Status);
        Assert.Equal(5, tools.Calls.Count);
        Assert.All(result.Results, r => Assert.Equal(1, r.Attempts));
        var calls = tools.Calls.ToDictionary(c => c.Key!.Split(':')[1]);
        // b, c and d overlap: each starts before any of them ends.
        var middle = new[] { calls["b"], calls["c"], calls["d"] };
        Assert.True(middle.Max(c => c.Start) < middle.Min(c => c.End), "siblings b, c and d did not overlap");
        Assert.True(calls["e"].Start >= middle.Max(c => c.End), "e started before all of its dependencies finished");
        Assert.True(calls["b"].Start >= calls["a"].End);
        var path = result.PerformanceMetrics.CriticalPath;
        Assert.Equal(3, path.Count);
        Assert.Equal("a", path[0]);
        Assert.Equal("e", path[2]);
    }

    [Fact]
    public async Task RunAsync_BindingToEarlierOutput_PassesValueAndRecordsContextUsed()
    {
        var tools = new ScriptedToolSource()
            .Add("extract", (_, _) => Task.FromResult(ToolCallResult.Success(Json("""{"rows":[{"total":42}]}"""))))
            .Add("report", (request, _) => Task.FromResult(ToolCallResult.Success(request.Arguments)));
        await using var engine = await StartAsync(tools);
        var workflow = Of("bind", Node("extract", "extract"),
            Node("report", "report", """{"total":"{{ steps.extract.output.rows[0].total }}","label":"Q: {{ inputs.period }}"}""")) with
        {
            Inputs = new Dictionary<string, WorkflowInput> { ["period"] = new() { Default = Json("\"Q3\"") } },
            Output = Json("\"{{ steps.report.output.total }}\""),
        };

        var result = await engine.RunAsync(workflow, new Dictionary<string, JsonElement> { ["period"] = Json("\"Q3\"") });

        Assert.Equal(RunStatus.Success, result.Status);
        var report = result.Results.Single(r => r.ActionId == "report");
        Assert.Equal(42, report.Result!.Value.GetProperty("total").GetInt32());
        Assert.Equal("Q: Q3", report.Result.Value.GetProperty("label").GetString());
        Assert.Contains("steps.extract.output.rows[0].total", report.ContextUsed);
        Assert.Contains("inputs.period", report.ContextUsed);
        Assert.Equal(42, result.Output!.Value.GetInt32());
    }

    [Fact]
    public async Task RunAsync_ToolErrorsThenSuccess_RetriesWithinMaxAttempts()
    {
        var calls = 0;
        var tools = new ScriptedToolSource().Add("flaky", (_, _) =>
            Task.FromResult(Interlocked.Increment(ref calls) < 3 ? ToolCallResult.Failure("busy") : ToolCallResult.Success(Json("1"))));
        await using var engine = await StartAsync(tools);
        var node = Node("n", "flaky") with { Retry = new RetryPolicy { MaxAttempts = 3, BackoffSeconds = 0.01 } };

        var result = await engine.RunAsync(Of("retry", node));

        Assert.Equal(RunStatus.Success, result.Status);
        Assert.Equal(3, result.Results[0].Attempts);
        Assert.Equal(2, result.PerformanceMetrics.Retries);
    }

    [Theory]
    [InlineData(false, false, 1)]
    [InlineData(true, false, 3)]
    [InlineData(false, true, 3)]
    public async Task RunAsync_Timeout_RetriesOnlyToolsSafeToRepeatOrUnsafeOptIn(bool idempotent, bool unsafeRetry, int expectedAttempts)
    {
        var tools = new ScriptedToolSource().Add("hang", async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return ToolCallResult.Success(Json("null"));
        }, idempotent ? Idempotent : ToolAnnotations.Unknown);
        await using var engine = await StartAsync(tools);
        var node = Node("n", "hang") with
        {
            TimeoutSeconds = 0.1,
            Retry = new RetryPolicy { MaxAttempts = 3, BackoffSeconds = 0, Unsafe = unsafeRetry },
        };

        var result = await engine.RunAsync(Of("timeout", node));

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(expectedAttempts, result.Results[0].Attempts);
        Assert.Contains("did not answer within 0.1 s", result.Results[0].Error);
        Assert.Equal(expectedAttempts == 1, result.Results[0].Error!.Contains("not retried", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_FailingNodeWithFallback_UsesFallbackResult()
    {
        var tools = new ScriptedToolSource()
            .Add("broken", (_, _) => Task.FromResult(ToolCallResult.Failure("down")))
            .Add("backup", (_, _) => Task.FromResult(ToolCallResult.Success(Json("""{"from":"backup"}"""))));
        await using var engine = await StartAsync(tools);
        var node = Node("n", "broken") with { Fallback = new FallbackSpec { Tool = "test/backup" } };

        var result = await engine.RunAsync(Of("fallback", node, Node("after", "backup", null, "n")));

        Assert.Equal(RunStatus.Success, result.Status);
        var n = result.Results.Single(r => r.ActionId == "n");
        Assert.True(n.RecoveryAttempted);
        Assert.Equal("backup", n.FallbackResult!.Value.GetProperty("from").GetString());
        Assert.Equal("backup", n.Result!.Value.GetProperty("from").GetString());
        Assert.Equal(NodeStatus.Success, result.Results.Single(r => r.ActionId == "after").Status);
    }

    [Fact]
    public async Task RunAsync_FailedNode_SkipsDependantsButFinishesIndependentBranches()
    {
        var tools = new ScriptedToolSource()
            .Add("broken", (_, _) => Task.FromResult(ToolCallResult.Failure("boom")))
            .AddDelay("ok", TimeSpan.FromMilliseconds(50));
        await using var engine = await StartAsync(tools);

        var result = await engine.RunAsync(Of("fail",
            Node("bad", "broken"), Node("child", "ok", null, "bad"), Node("grandchild", "ok", null, "child"), Node("other", "ok")));

        Assert.Equal(RunStatus.Failed, result.Status);
        var byId = result.Results.ToDictionary(r => r.ActionId);
        Assert.Equal(NodeStatus.Error, byId["bad"].Status);
        Assert.Contains("boom", byId["bad"].Error);
        Assert.Equal(NodeStatus.Skipped, byId["child"].Status);
        Assert.Equal(NodeStatus.Skipped, byId["grandchild"].Status);
        Assert.Contains("'bad' failed", byId["grandchild"].Error);
        Assert.Equal(NodeStatus.Success, byId["other"].Status);
        Assert.Contains("Node 'bad'", result.ExecutionSummary);
        Assert.Contains(result.NextActions, a => a.Node == "bad");
    }

    [Fact]
    public async Task RunAsync_ContinueOnError_DependantsRunAndReadStatus()
    {
        var tools = new ScriptedToolSource()
            .Add("broken", (_, _) => Task.FromResult(ToolCallResult.Failure("boom")))
            .Add("echo", (request, _) => Task.FromResult(ToolCallResult.Success(request.Arguments)));
        await using var engine = await StartAsync(tools);

        var result = await engine.RunAsync(Of("continue",
            Node("bad", "broken") with { ContinueOnError = true },
            Node("next", "echo", """{"upstream":"{{ steps.bad.status }}"}""")));

        Assert.Equal(RunStatus.PartialSuccess, result.Status);
        var next = result.Results.Single(r => r.ActionId == "next");
        Assert.Equal(NodeStatus.Success, next.Status);
        Assert.Equal("error", next.Result!.Value.GetProperty("upstream").GetString());
    }

    [Fact]
    public async Task RunAsync_WhenFalse_SkipsNodeAndItsDependants()
    {
        var tools = new ScriptedToolSource()
            .Add("check", (_, _) => Task.FromResult(ToolCallResult.Success(Json("""{"ok":false}"""))))
            .AddDelay("work", TimeSpan.Zero);
        await using var engine = await StartAsync(tools);

        var result = await engine.RunAsync(Of("when",
            Node("check", "check"),
            Node("gated", "work") with { When = "{{ steps.check.output.ok }}" },
            Node("after", "work", null, "gated")));

        Assert.Equal(RunStatus.Success, result.Status);
        var byId = result.Results.ToDictionary(r => r.ActionId);
        Assert.Equal(NodeStatus.Skipped, byId["gated"].Status);
        Assert.Equal(NodeStatus.Skipped, byId["after"].Status);
        Assert.Single(tools.Calls);
    }

    [Fact]
    public async Task RunAsync_BindingToMissingPath_FailsNodeWithPreciseError()
    {
        var tools = new ScriptedToolSource()
            .Add("extract", (_, _) => Task.FromResult(ToolCallResult.Success(Json("""{"rows":[]}"""))))
            .AddDelay("work", TimeSpan.Zero);
        await using var engine = await StartAsync(tools);

        var result = await engine.RunAsync(Of("missing", Node("extract", "extract"),
            Node("use", "work", """{"v":"{{ steps.extract.output.rows[0].total }}"}""")));

        var use = result.Results.Single(r => r.ActionId == "use");
        Assert.Equal(NodeStatus.Error, use.Status);
        Assert.Contains("has 0 items, no [0]", use.Error);
        Assert.Equal(0, use.Attempts);
    }

    [Fact]
    public async Task RunAsync_SendsStableIdempotencyKeyPerNode()
    {
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.Zero);
        await using var engine = await StartAsync(tools);

        var result = await engine.RunAsync(Of("keys", Node("a", "work"), Node("b", "work")));

        Assert.Equal(
            new[] { $"{result.RunId}:a", $"{result.RunId}:b" },
            tools.Calls.Select(c => c.Key).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task CancelAsync_RunningRun_CancelsToolCallsAndSkipsPendingNodes()
    {
        var started = new TaskCompletionSource();
        var tools = new ScriptedToolSource().Add("hang", async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return ToolCallResult.Success(Json("null"));
        });
        await using var engine = await StartAsync(tools);
        var runId = await engine.Coordinator.StartAsync(Of("cancel", Node("a", "hang"), Node("b", "hang", null, "a")), new Dictionary<string, JsonElement>(), TenantId.Default);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(await engine.Coordinator.CancelAsync(runId, "test cancel"));
        var result = await engine.Coordinator.WaitAsync(runId).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.All(result.Results, r => Assert.Equal(NodeStatus.Skipped, r.Status));
    }
    private static readonly ToolAnnotations Destructive = new() { Destructive = true };

    [Fact]
    public async Task RunAsync_DestructiveTool_WaitsForApprovalThenRuns()
    {
        var tools = new ScriptedToolSource().AddDelay("delete", TimeSpan.Zero, Destructive).AddDelay("after", TimeSpan.Zero);
        await using var engine = await StartAsync(tools);
        using var events = engine.Services.GetRequiredService<IRunEventStream>().Subscribe();
        var runId = await engine.Coordinator.StartAsync(Of("approve", Node("drop", "delete", """{"table":"refunds"}"""), Node("after", "after", null, "drop")), new Dictionary<string, JsonElement>(), TenantId.Default);

        var waiting = await NextAsync<NodeAwaitingApproval>(events);
        Assert.Equal("drop", waiting.Node);
        Assert.Contains("destructive", waiting.Reason);
        Assert.Empty(tools.Calls);
        Assert.Equal(RunStatus.AwaitingApproval, (await engine.Coordinator.GetResultAsync(runId))!.Status);
        var pending = (await engine.Coordinator.GetResultAsync(runId))!.Results.Single(r => r.ActionId == "drop");
        Assert.Equal(NodeStatus.AwaitingApproval, pending.Status);

        await engine.Coordinator.ApproveAsync(runId, "drop", "alice");
        var result = await engine.Coordinator.WaitAsync(runId).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunStatus.Success, result.Status);
        Assert.Equal(["delete", "after"], tools.Calls.Select(c => c.Tool));
        Assert.Equal("refunds", tools.Calls.First().Args.GetProperty("table").GetString());
    }

    [Fact]
    public async Task RejectAsync_WaitingNode_SkipsItAndItsDependantsWithTheReason()
    {
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.Zero);
        await using var engine = await StartAsync(tools);
        using var events = engine.Services.GetRequiredService<IRunEventStream>().Subscribe();
        var runId = await engine.Coordinator.StartAsync(Of("reject", Node("gate", "work") with { Approval = WorkflowNode.ApprovalRequired }, Node("after", "work", null, "gate")),
            new Dictionary<string, JsonElement>(), TenantId.Default);
        await NextAsync<NodeAwaitingApproval>(events);

        await engine.Coordinator.RejectAsync(runId, "gate", "bob", "not today");
        var result = await engine.Coordinator.WaitAsync(runId).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(tools.Calls);
        var byId = result.Results.ToDictionary(r => r.ActionId);
        Assert.Equal(NodeStatus.Skipped, byId["gate"].Status);
        Assert.Equal("rejected by bob: not today", byId["gate"].Error);
        Assert.Equal(NodeStatus.Skipped, byId["after"].Status);
        await Assert.ThrowsAsync<ApprovalException>(async () => await engine.Coordinator.ApproveAsync(runId, "gate", "carol"));
    }

    [Fact]
    public async Task RunAsync_DestructiveToolWithApprovalAuto_RunsWithoutWaiting()
    {
        var tools = new ScriptedToolSource().AddDelay("delete", TimeSpan.Zero, Destructive);
        await using var engine = await StartAsync(tools);

        var result = await engine.RunAsync(Of("auto", Node("drop", "delete") with { Approval = WorkflowNode.ApprovalAuto }));

        Assert.Equal(RunStatus.Success, result.Status);
        Assert.Single(tools.Calls);
    }

    [Fact]
    public async Task RunAsync_DestructiveFallbackWithoutApproval_IsRefused()
    {
        var tools = new ScriptedToolSource()
            .Add("broken", (_, _) => Task.FromResult(ToolCallResult.Failure("down")))
            .AddDelay("delete", TimeSpan.Zero, Destructive);
        await using var engine = await StartAsync(tools);

        var result = await engine.RunAsync(Of("refuse", Node("n", "broken") with { Fallback = new FallbackSpec { Tool = "test/delete" } }));

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("annotated destructive and the node was not approved", result.Results[0].Error);
        Assert.DoesNotContain(tools.Calls, c => c.Tool == "delete");
    }

    private const string CitySchema = """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}""";

    [Fact]
    public async Task RunAsync_OnFailureReplan_SubstitutesAToolThatTakesTheSameArgumentsAndRecordsTheRevision()
    {
        var tools = new ScriptedToolSource()
            .Add("weather_primary", (_, _) => Task.FromResult(ToolCallResult.Failure("provider down")),
                description: "Current weather forecast for a city", inputSchema: CitySchema)
            .Add("weather_backup", (request, _) => Task.FromResult(ToolCallResult.Success(Json($$"""{"city":{{request.Arguments.GetProperty("city").GetRawText()}},"temp":7}"""))),
                description: "Current weather forecast for a city from a backup provider", inputSchema: CitySchema)
            .Add("echo", (request, _) => Task.FromResult(ToolCallResult.Success(request.Arguments)));
        await using var engine = await StartAsync(tools);
        var workflow = Of("replan", Node("forecast", "weather_primary", """{"city":"Oslo"}"""),
            Node("report", "echo", """{"temp":"{{ steps.forecast.output.temp }}"}""")) with { OnFailure = WorkflowDefinition.OnFailureReplan };

        var result = await engine.RunAsync(workflow);

        Assert.Equal(RunStatus.Success, result.Status);
        var revision = Assert.Single(result.Revisions);
        Assert.Equal("forecast", revision.FailedNode);
        Assert.Contains("provider down", revision.Error);
        Assert.Equal(["forecast"], revision.Diff.Changed);
        var byId = result.Results.ToDictionary(r => r.ActionId);
        Assert.Equal("test/weather_backup", byId["forecast"].Tool);
        Assert.Equal(7, byId["report"].Result!.Value.GetProperty("temp").GetInt32());
        Assert.Equal(["weather_primary", "weather_backup", "echo"], tools.Calls.Select(c => c.Tool));
    }

    [Fact]
    public async Task RunAsync_OnFailureReplanWithNoRepairPossible_FailsWithThePlannersReasonAndFinishesTheOtherBranch()
    {
        var tools = new ScriptedToolSource()
            .Add("unique", (_, _) => Task.FromResult(ToolCallResult.Failure("broken")), description: "A tool nothing else can replace",
                inputSchema: """{"type":"object","properties":{"zz_unique_arg":{"type":"string"}},"required":["zz_unique_arg"]}""")
            .AddDelay("ok", TimeSpan.FromMilliseconds(20));
        await using var engine = await StartAsync(tools);
        var workflow = Of("drop", Node("bad", "unique", """{"zz_unique_arg":"x"}"""), Node("child", "ok", null, "bad"), Node("other", "ok")) with
        {
            OnFailure = WorkflowDefinition.OnFailureReplan,
        };

        var result = await engine.RunAsync(workflow);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Empty(result.Revisions);
        var byId = result.Results.ToDictionary(r => r.ActionId);
        Assert.Equal(NodeStatus.Success, byId["other"].Status);
        Assert.Equal(NodeStatus.Skipped, byId["child"].Status);
        Assert.Contains("re-planning did not produce a runnable plan", byId["child"].Error);
        Assert.Contains("cannot repair node 'bad'", byId["child"].Error);
    }

    [Fact]
    public async Task RunAsync_OnFailureReplanAndABindingError_HoldsTheDependantsForTheReplan()
    {
        // The binding fails before the node is taken (no tool call): it still fails into the re-plan, not into skipping.
        var tools = new ScriptedToolSource()
            .Add("unique", (_, _) => Task.FromResult(ToolCallResult.Success(default)), description: "A tool nothing else can replace",
                inputSchema: """{"type":"object","properties":{"zz_unique_arg":{"type":"string"}},"required":["zz_unique_arg"]}""")
            .AddDelay("ok", TimeSpan.FromMilliseconds(5));
        await using var engine = await StartAsync(tools);
        var workflow = Of("bind", Node("a", "ok", """{"v":1}"""), Node("bad", "unique", """{"zz_unique_arg":"{{ steps.a.output.nope }}"}""", "a"),
            Node("child", "ok", null, "bad")) with { OnFailure = WorkflowDefinition.OnFailureReplan };

        var result = await engine.RunAsync(workflow);

        var byId = result.Results.ToDictionary(r => r.ActionId);
        Assert.Equal(NodeStatus.Error, byId["bad"].Status);
        Assert.Contains("cannot bind arguments", byId["bad"].Error);
        Assert.Equal(NodeStatus.Skipped, byId["child"].Status);
        Assert.Contains("re-planning did not produce a runnable plan", byId["child"].Error);
        Assert.DoesNotContain(tools.Calls, c => c.Tool == "unique");
    }

    [Fact]
    public async Task RunAsync_WithoutOnFailureReplan_DoesNotReplan()
    {
        var tools = new ScriptedToolSource()
            .Add("weather_primary", (_, _) => Task.FromResult(ToolCallResult.Failure("provider down")), inputSchema: CitySchema)
            .Add("weather_backup", (request, _) => Task.FromResult(ToolCallResult.Success(request.Arguments)), inputSchema: CitySchema);
        await using var engine = await StartAsync(tools);

        var result = await engine.RunAsync(Of("noreplan", Node("forecast", "weather_primary", """{"city":"Oslo"}""")));

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Empty(result.Revisions);
        Assert.Single(tools.Calls);
    }

    private static async Task<T> NextAsync<T>(RunEventSubscription events) where T : RunEvent
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var runEvent in events.Events.ReadAllAsync(timeout.Token))
        {
            if (runEvent is T match)
            {
                return match;
            }
        }
        throw new InvalidOperationException($"no {typeof(T).Name} event");
    }
}

public sealed class SqliteRunCoordinatorTests : RunCoordinatorTests
{
    private protected override Task<EngineFixture> StartAsync(params IToolSource[] tools) => EngineFixture.StartAsync(tools);
}

[Collection(Infrastructure.PostgresCollection.Name)]
public sealed class PostgresRunCoordinatorTests(Infrastructure.PostgresServer server) : RunCoordinatorTests
{
    private protected override Task<EngineFixture> StartAsync(params IToolSource[] tools) =>
        EngineFixture.StartOnPostgresAsync(server, "engine", new Dictionary<string, string?>(), _ => { }, tools);
}
