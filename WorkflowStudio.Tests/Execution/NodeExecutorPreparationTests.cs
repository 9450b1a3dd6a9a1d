using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Infrastructure;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Tests.Execution.Dispatch;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Execution;

/// <summary>
/// What goes wrong while a node is prepared (read, bound, checked) is not the node's error when it is the database's:
/// transient failures are retried, and a delivery that fails never touches a node another worker is running.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NodeExecutorPreparationTests(PostgresServer server)
{
    private static readonly Dictionary<string, JsonElement> NoInputs = [];

    [Fact]
    public async Task ExecuteAsync_DatabaseDownWhileTheNodeIsPrepared_RetriesAndRunsItOnceItIsBack()
    {
        await using var databases = new EngineDatabases(server);
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.FromMilliseconds(20));
        await using var engine = await EngineFixture.StartAsync(
            await databases.ConfigurationAsync("postgres", ("Execution:RecoveryIntervalSeconds", "600")), tools);
        // Approved in the journal but not dispatched yet: its delivery comes while the database is down.
        var runId = await engine.Coordinator.StartAsync(Of("gated", Node("n", "work") with { Approval = WorkflowNode.ApprovalRequired }), NoInputs, TenantId.Default);
        await WaitForStatusAsync(engine, runId, NodeStatus.AwaitingApproval);
        Assert.NotNull(await engine.Store.ApproveNodeAsync(runId, "n", "tester", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

        await server.StopAsync();
        var delivery = engine.Services.GetRequiredService<NodeExecutor>().ExecuteAsync(runId, "n", CancellationToken.None).AsTask();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await server.StartAsync();
        await delivery.WaitAsync(TimeSpan.FromSeconds(60));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await engine.Coordinator.WaitAsync(runId, cancellationToken: timeout.Token);

        var node = Assert.Single(result.Results);
        Assert.Equal((NodeStatus.Success, (string?)null), (node.Status, node.Error));
        Assert.Single(tools.Calls);
    }

    private static async Task WaitForStatusAsync(EngineFixture engine, string runId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await engine.Store.GetNodeRunsAsync(runId)).Single().Status != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the node never became {status}");
            await Task.Delay(20);
        }
    }

    /// <summary>Verifies Npgsql's pool after a restart: its idle connections are dead; the engine's retries clear it.</summary>
    [Fact]
    public async Task ExecuteAsync_AfterPostgresRestarted_NodesOfTheNextRunSucceed()
    {
        await using var databases = new EngineDatabases(server);
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.FromMilliseconds(20));
        await using var engine = await EngineFixture.StartAsync(await databases.ConfigurationAsync("postgres"), tools);
        // Fill the pool: a wide run holds many connections at once, which stay pooled and idle afterwards.
        Assert.Equal(RunStatus.Success, (await engine.RunAsync(LocalFirstNodeDispatcherTests.Wide())).Status);

        await server.RestartAsync();
        var result = await engine.RunAsync(LocalFirstNodeDispatcherTests.Wide());

        Assert.Equal(RunStatus.Success, result.Status);
        Assert.All(result.Results, node => Assert.Equal((NodeStatus.Success, (string?)null), (node.Status, node.Error)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ExecuteAsync_DuplicateDeliveryFailsWhilePreparing_LeavesTheNodeToTheWorkerRunningIt(string dialect)
    {
        await using var databases = new EngineDatabases(server);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new BreakableToolSource(new ScriptedToolSource().Add("slow", async (_, _) =>
        {
            entered.TrySetResult();
            await release.Task;
            return ToolCallResult.Success(Json("""{"done":true}"""));
        }));
        await using var engine = await EngineFixture.StartAsync(await databases.ConfigurationAsync(dialect), tools);
        var runId = await engine.Coordinator.StartAsync(Of("slow", Node("s", "slow")), NoInputs, TenantId.Default);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var running = Assert.Single(await engine.Store.GetNodeRunsAsync(runId));

        // A second delivery of the node (a redelivered job) whose preparation fails: its tool catalog cannot be read.
        tools.Broken = true;
        engine.Services.GetRequiredService<RunContextCache>().Remove(runId);
        await engine.Services.GetRequiredService<NodeExecutor>().ExecuteAsync(runId, "s", CancellationToken.None);
        var after = Assert.Single(await engine.Store.GetNodeRunsAsync(runId));
        tools.Broken = false;
        release.SetResult();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await engine.Coordinator.WaitAsync(runId, cancellationToken: timeout.Token);

        Assert.Equal((NodeStatus.Running, running.LeaseOwner, running.LeaseUntil is not null), (after.Status, after.LeaseOwner, after.LeaseUntil is not null));
        Assert.Equal(RunStatus.Success, result.Status);
        Assert.True(Assert.Single(result.Results).Result!.Value.GetProperty("done").GetBoolean());
    }

    /// <summary>Tools whose catalog can be made to fail (as a server that answers its tool list with garbage).</summary>
    private sealed class BreakableToolSource(ScriptedToolSource inner) : IToolSource
    {
        public volatile bool Broken;

        public IReadOnlyCollection<string> Servers => inner.Servers;

        public ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default) =>
            Broken ? throw new InvalidOperationException("the tool list is unreadable") : inner.GetToolsAsync(server, cancellationToken);

        public ValueTask<ToolCallResult> InvokeAsync(ToolCallRequest request, CancellationToken cancellationToken = default) =>
            inner.InvokeAsync(request, cancellationToken);
    }
}
