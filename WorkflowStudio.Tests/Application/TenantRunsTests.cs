using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Execution;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Workflows.Store;

namespace WorkflowStudio.Tests.Application;

/// <summary>The front door on a real engine: a run or workflow of another tenant is answered exactly like a missing one, by every member.</summary>
public sealed class TenantRunsTests
{
    private static readonly Dictionary<string, JsonElement> NoInputs = new();

    private static WorkflowDefinition Gated() =>
        Of("gated", Node("gate", "builtin/echo", """{"value":1}""") with { Approval = WorkflowNode.ApprovalRequired });

    [Fact]
    public async Task EveryMember_AnotherTenantsRunOrWorkflow_AnswersLikeAMissingOne()
    {
        await using var engine = await EngineFixture.StartAsync();
        var front = engine.Services.GetRequiredService<RunFrontDoor>();
        var acme = front.For(new TenantId("acme"));
        var globex = front.For(new TenantId("globex"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var saved = await engine.Services.GetRequiredService<IWorkflowStore>().SaveAsync(null, Gated(), tenantId: "acme", cancellationToken: timeout.Token);
        var started = await acme.StartAsync(new RunStartRequest("user:ann", saved.Definition, NoInputs) { WorkflowId = saved.Id }, timeout.Token);
        var runId = started.RunId!;
        await acme.WaitAsync(runId, RunWaitUntil.FinishedOrAwaitingApproval, cancellationToken: timeout.Token);

        foreach (var id in new[] { runId, "no-such-run" })
        {
            Assert.Null(await globex.FindAsync(id, timeout.Token));
            Assert.Null(await globex.GetResultAsync(id, timeout.Token));
            Assert.Null(await globex.WaitAsync(id, cancellationToken: timeout.Token));
            Assert.Null(await globex.FollowEventsAsync(id, 0, timeout.Token));
            Assert.Equal(RunCancelOutcome.NotFound, await globex.CancelAsync(id, "user:bob", cancellationToken: timeout.Token));
            Assert.False(await globex.DecideAsync(id, "gate", approve: true, "user:bob", cancellationToken: timeout.Token));
        }
        Assert.Empty((await globex.QueryAsync(new RunQuery(), timeout.Token)).Runs);
        Assert.Null(await globex.FindWorkflowAsync(saved.Id, cancellationToken: timeout.Token));
        Assert.Empty(await globex.ListVersionsAsync(saved.Id, timeout.Token));
        Assert.Empty(await globex.ListWorkflowsAsync(cancellationToken: timeout.Token));
        // Nothing of the above touched acme's run: it still waits, and only acme's door decides it.
        Assert.Equal(RunStatus.AwaitingApproval, (await acme.FindAsync(runId, timeout.Token))!.Status);
        Assert.Equal([runId], (await acme.QueryAsync(new RunQuery { TenantId = "globex" }, timeout.Token)).Runs.Select(r => r.Id));
        Assert.True(await acme.DecideAsync(runId, "gate", approve: true, "user:ann", cancellationToken: timeout.Token));
        Assert.Equal(RunStatus.Success, (await acme.WaitAsync(runId, cancellationToken: timeout.Token))!.Status);
        var audit = await engine.Services.GetRequiredService<IAuditLog>().ListAsync("acme", cancellationToken: timeout.Token);
        Assert.Equal(["node.approve", "run.start"], audit.Select(e => e.Action).Order(StringComparer.Ordinal));
        Assert.Empty(await engine.Services.GetRequiredService<IAuditLog>().ListAsync("globex", cancellationToken: timeout.Token));
    }

    [Fact]
    public async Task None_FindsNothing_AndCannotStartARun()
    {
        await using var engine = await EngineFixture.StartAsync();
        var front = engine.Services.GetRequiredService<RunFrontDoor>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var runId = (await front.For(TenantId.Default).StartAsync(new RunStartRequest("cli:op", Gated(), NoInputs), timeout.Token)).RunId!;
        var nobody = front.For(TenantId.None);

        Assert.Null(await nobody.FindAsync(runId, timeout.Token));
        Assert.Empty((await nobody.QueryAsync(new RunQuery(), timeout.Token)).Runs);
        var refused = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await nobody.StartAsync(new RunStartRequest("anonymous", Gated(), NoInputs), timeout.Token));
        Assert.Contains("needs the tenant it belongs to", refused.Message, StringComparison.Ordinal);
    }
}
