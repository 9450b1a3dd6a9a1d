using System.Text.Json;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Infrastructure;
using static WorkflowStudio.Tests.Execution.Wf;

namespace WorkflowStudio.Tests.Execution;

/// <summary>
/// A node with <c>"cache"</c> on both databases: a live entry completes it without calling its tool (zero attempts, no
/// cost, journaled as a hit), an expired one does not, and one tenant never reads another's.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NodeResultCacheTests(PostgresServer server)
{
    private static readonly Dictionary<string, JsonElement> NoInputs = [];

    /// <summary>A read-only tool whose answer changes on every call: <c>{"call": N}</c>.</summary>
    private static ScriptedToolSource CountingTool()
    {
        var calls = 0;
        return new ScriptedToolSource().Add("count", (_, _) =>
            Task.FromResult(ToolCallResult.Success(Json($$"""{ "call": {{Interlocked.Increment(ref calls)}} }"""))),
            new ToolAnnotations { ReadOnly = true });
    }

    private static WorkflowDefinition Cached(int ttlSeconds, string? key = null) =>
        Of("cached", Node("n", "count", """{ "q": "x" }""") with { Cache = new NodeCache { TtlSeconds = ttlSeconds, Key = key } });

    private static async Task<RunResult> RunAsync(EngineFixture engine, WorkflowDefinition workflow, TenantId tenant)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var runId = await engine.Coordinator.StartAsync(workflow, NoInputs, tenant, cancellationToken: timeout.Token);
        return await engine.Coordinator.WaitAsync(runId, cancellationToken: timeout.Token);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Run_SecondRunWithinTheTtl_ReusesTheOutputWithoutACallOrCost(string dialect)
    {
        await using var databases = new EngineDatabases(server);
        var tools = CountingTool();
        await using var engine = await EngineFixture.StartAsync(await databases.ConfigurationAsync(dialect), tools);

        var first = await RunAsync(engine, Cached(3600), TenantId.Default);
        var second = await RunAsync(engine, Cached(3600), TenantId.Default);

        Assert.Single(tools.Calls);
        var (miss, hit) = (Assert.Single(first.Results), Assert.Single(second.Results));
        Assert.Equal((NodeStatus.Success, 1, false), (miss.Status, miss.Attempts, miss.Cached));
        Assert.Equal((NodeStatus.Success, 0, true), (hit.Status, hit.Attempts, hit.Cached));
        Assert.Equal(1, hit.Result!.Value.GetProperty("call").GetInt32());
        Assert.Equal(RunStatus.Success, second.Status);
        Assert.True(first.PerformanceMetrics.CostUsd > 0);
        Assert.Equal((0m, 0), (second.PerformanceMetrics.CostUsd, second.PerformanceMetrics.ToolCalls));
        var events = await engine.EventLog.ReadEventsAsync(0, 1000, second.RunId);
        Assert.Contains(events.Select(e => JsonSerializer.Deserialize(e.Data, EngineJson.Default.RunEvent)).OfType<NodeFinished>(),
            e => e is { Node: "n", Cached: true, Attempts: 0 });
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Run_AfterTheTtlExpired_CallsTheToolAgain(string dialect)
    {
        await using var databases = new EngineDatabases(server);
        var tools = CountingTool();
        await using var engine = await EngineFixture.StartAsync(await databases.ConfigurationAsync(dialect), tools);

        await RunAsync(engine, Cached(1), TenantId.Default);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var again = Assert.Single((await RunAsync(engine, Cached(1), TenantId.Default)).Results);

        Assert.Equal(2, tools.Calls.Count);
        Assert.Equal((1, false, 2), (again.Attempts, again.Cached, again.Result!.Value.GetProperty("call").GetInt32()));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Run_AnotherTenant_NeverGetsTheFirstTenantsEntry(string dialect)
    {
        await using var databases = new EngineDatabases(server);
        var tools = CountingTool();
        await using var engine = await EngineFixture.StartAsync(await databases.ConfigurationAsync(dialect), tools);

        await RunAsync(engine, Cached(3600, key: "same"), TenantId.Default);
        var other = Assert.Single((await RunAsync(engine, Cached(3600, key: "same"), new TenantId("other-tenant"))).Results);
        var mine = Assert.Single((await RunAsync(engine, Cached(3600, key: "same"), TenantId.Default)).Results);

        Assert.Equal(2, tools.Calls.Count);
        Assert.Equal((false, 2), (other.Cached, other.Result!.Value.GetProperty("call").GetInt32()));
        Assert.Equal((true, 1), (mine.Cached, mine.Result!.Value.GetProperty("call").GetInt32()));
    }

    [Fact]
    public async Task Run_DifferentArguments_AreDifferentEntries()
    {
        var tools = CountingTool();
        await using var engine = await EngineFixture.StartAsync(tools);
        var other = Of("cached", Node("n", "count", """{ "q": "y" }""") with { Cache = new NodeCache { TtlSeconds = 3600 } });

        await RunAsync(engine, Cached(3600), TenantId.Default);
        var result = Assert.Single((await RunAsync(engine, other, TenantId.Default)).Results);

        Assert.Equal((false, 2), (result.Cached, tools.Calls.Count));
    }

    [Theory]
    [InlineData(true, true, false)]
    [InlineData(null, false, false)]
    [InlineData(null, true, true)]
    public async Task Run_ToolAnnotationsAtRunTime_DecideWhetherTheCacheIsUsed(bool? destructive, bool force, bool cached)
    {
        // Started through the coordinator, which does not validate: the executor's own check decides (destructive: never,
        // even forced; neither read-only nor idempotent: only forced).
        var calls = 0;
        var tools = new ScriptedToolSource().Add("write", (_, _) =>
            Task.FromResult(ToolCallResult.Success(Json($$"""{ "call": {{Interlocked.Increment(ref calls)}} }"""))),
            new ToolAnnotations { ReadOnly = false, Destructive = destructive, Idempotent = destructive == true ? true : null });
        await using var engine = await EngineFixture.StartAsync(tools);
        var workflow = Of("cached", Node("n", "write") with
        {
            Cache = new NodeCache { TtlSeconds = 3600, Force = force }, Approval = WorkflowNode.ApprovalAuto,
        });

        await RunAsync(engine, workflow, TenantId.Default);
        var second = Assert.Single((await RunAsync(engine, workflow, TenantId.Default)).Results);

        Assert.Equal((cached, cached ? 1 : 2), (second.Cached, tools.Calls.Count));
    }
}
