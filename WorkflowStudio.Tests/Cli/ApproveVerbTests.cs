using System.Text.Json;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Execution;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Cli;

/// <summary><c>studio approve</c> against a run waiting in a real engine on the same data dir.</summary>
public sealed class ApproveVerbTests
{
    [Fact]
    public async Task Approve_NodeDecidedAlready_ExitsThreeNamingTheDecisionThatCameFirst()
    {
        await using var engine = await EngineFixture.StartAsync(new ScriptedToolSource().AddDelay("work", TimeSpan.Zero));
        var workflow = Of("gate", Node("gate", "work") with { Approval = WorkflowNode.ApprovalRequired }, Node("after", "work", null, "gate"));
        var runId = await engine.Coordinator.StartAsync(workflow, new Dictionary<string, JsonElement>(), TenantId.Default);
        await StoreRuns.UntilAsync(async () => await StoreRuns.NodeStatusAsync(engine.Store, runId, "gate") == NodeStatus.AwaitingApproval, "the gate waits");

        var first = await StudioProcess.RunAsync(engine.DataDir, "approve", runId, "gate", "--by", "alice", "--data-dir", engine.DataDir);
        var second = await StudioProcess.RunAsync(engine.DataDir, "approve", runId, "gate", "--reject", "--reason", "too late", "--by", "bob", "--data-dir", engine.DataDir);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 3, second.ToString());
        Assert.Contains($"node 'gate' of run {runId} was already approved by alice at ", second.Stderr, StringComparison.Ordinal);
        var row = (await engine.Store.GetNodeRunsAsync(runId, ["gate"])).Single();
        Assert.Equal((NodeDecision.Approved, "alice"), (row.Decision, row.DecidedBy));
    }
}
