using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Execution.Dispatch;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Infrastructure;
using static WorkflowStudio.Tests.Execution.Wf;

namespace WorkflowStudio.Tests.Execution;

/// <summary>
/// Arguments edited before an approval, on SQLite and PostgreSQL: the tool is called with them (also by a process started
/// after the approval was committed), a mismatch with the tool's schema is refused while the node keeps waiting, and the
/// audit log records the arguments before and after with secret-looking values masked.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ApprovalArgumentsTests(PostgresServer server)
{
    private static readonly Dictionary<string, JsonElement> NoInputs = new();

    private static WorkflowDefinition Refund() => Of("refund",
        Node("refund", "builtin/echo", """{"value":{"amount":10,"invoice":"INV-7","api_key":"sk-live-old"}}""") with { Approval = WorkflowNode.ApprovalRequired });

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ApproveAsync_EditedArgs_TheToolRunsWithThemAndTheAuditLogShowsOldAndNewWithSecretsMasked(string dialect)
    {
        await using var databases = new EngineDatabases(server);
        await using var engine = await EngineFixture.StartAsync(await databases.ConfigurationAsync(dialect));
        var acme = engine.Services.GetRequiredService<RunFrontDoor>().For(new TenantId("acme"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var runId = (await acme.StartAsync(new RunStartRequest("user:ann", Refund(), NoInputs), timeout.Token)).RunId!;
        await acme.WaitAsync(runId, RunWaitUntil.FinishedOrAwaitingApproval, cancellationToken: timeout.Token);

        var edited = Json("""{"value":{"amount":25,"invoice":"INV-7","api_key":"sk-live-new"}}""");
        Assert.True(await acme.DecideAsync(runId, "refund", approve: true, "user:ann", args: edited, cancellationToken: timeout.Token));
        var result = (await acme.WaitAsync(runId, cancellationToken: timeout.Token))!;

        Assert.Equal(RunStatus.Success, result.Status);
        var output = Assert.Single(result.Results).Result!.Value;
        Assert.Equal(25, output.GetProperty("amount").GetInt32());
        var audit = Assert.Single(await engine.Services.GetRequiredService<IAuditLog>().ListAsync("acme", cancellationToken: timeout.Token), e => e.Action == "node.approve");
        Assert.Equal($"{runId}/refund", audit.Target);
        Assert.Contains("\"amount\":10", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("\"amount\":25", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("→", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("\"api_key\":\"***\"", audit.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live", audit.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ApproveAsync_EditedArgsCommittedThenTheProcessStops_ARestartedEngineRunsTheNodeWithThem(string dialect)
    {
        await using var databases = new EngineDatabases(server);
        var configuration = await databases.ConfigurationAsync(dialect);
        string runId;
        await using (var first = await EngineFixture.StartAsync(configuration))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            runId = await first.Coordinator.StartAsync(Refund(), NoInputs, TenantId.Default, cancellationToken: timeout.Token);
            await first.Coordinator.WaitAsync(runId, RunWaitUntil.FinishedOrAwaitingApproval, cancellationToken: timeout.Token);
            // The approval's commit, and then nothing: what a process that died right after committing the decision leaves.
            Assert.NotNull(await first.Store.ApproveNodeAsync(runId, "refund", "user:ann", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                """{"value":{"amount":25,"invoice":"INV-7"}}""", cancellationToken: timeout.Token));
        }

        await using var second = await EngineFixture.StartAsync(configuration);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        second.Services.GetRequiredService<INodeDispatcher>().Dispatch(runId, ["refund"]); // as the sweep does for a queued node
        var result = await second.Coordinator.WaitAsync(runId, cancellationToken: wait.Token);

        Assert.Equal(RunStatus.Success, result.Status);
        var output = Assert.Single(result.Results).Result!.Value;
        Assert.Equal(25, output.GetProperty("amount").GetInt32());
        Assert.False(output.TryGetProperty("api_key", out _));
    }

    [Fact]
    public async Task ApproveAsync_EditedArgsTheToolRefuses_ThrowsNamingTheFieldAndTheNodeKeepsWaiting()
    {
        await using var engine = await EngineFixture.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var runId = await engine.Coordinator.StartAsync(Refund(), NoInputs, TenantId.Default, cancellationToken: timeout.Token);
        await engine.Coordinator.WaitAsync(runId, RunWaitUntil.FinishedOrAwaitingApproval, cancellationToken: timeout.Token);

        var wrong = await Assert.ThrowsAsync<ApprovalArgumentsException>(async () =>
            await engine.Coordinator.ApproveAsync(runId, "refund", "user:ann", Json("""{"amount":25}"""), timeout.Token));
        var notAnObject = await Assert.ThrowsAsync<ApprovalArgumentsException>(async () =>
            await engine.Coordinator.ApproveAsync(runId, "refund", "user:ann", Json("[1]"), timeout.Token));

        Assert.Contains("builtin/echo's input schema", wrong.Message, StringComparison.Ordinal);
        Assert.Contains(wrong.Errors, e => e.Path.StartsWith("$.args", StringComparison.Ordinal));
        Assert.Contains("must be a JSON object", notAnObject.Message, StringComparison.Ordinal);
        var node = Assert.Single(await engine.Store.GetNodeRunsAsync(runId, ["refund"], timeout.Token));
        Assert.Equal(NodeStatus.AwaitingApproval, node.Status);
        Assert.Null(node.ApprovedArgs);
    }
}
