using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Tenancy;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Tests.Execution;

/// <summary>
/// A waiter does not depend on seeing <see cref="RunFinished"/>: a process can miss another process's event (its journal
/// tailer passes over a sequence number whose transaction commits very late), and the run's row is the truth.
/// </summary>
public sealed class RunWaitTests
{
    [Fact]
    public async Task WaitAsync_RunFinishedWithoutAnEventReachingThisProcess_ReturnsFromTheStoredStatus()
    {
        await using var engine = await EngineFixture.StartAsync();
        using var events = engine.Services.GetRequiredService<IRunEventStream>().Subscribe();
        var runId = await engine.Coordinator.StartAsync(Of("held", Node("gate", "builtin/echo", """{"value":1}""") with { Approval = WorkflowNode.ApprovalRequired }),
            new Dictionary<string, JsonElement>(), TenantId.Default);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var runEvent in events.Events.ReadAllAsync(patience.Token))
        {
            if (runEvent is NodeAwaitingApproval)
            {
                break;
            }
        }
        var waiting = engine.Coordinator.WaitAsync(runId).AsTask();

        // Another process closed the run, and its RunFinished never reached this one: only the row says so.
        await engine.Services.GetRequiredService<IDatabase>().WriteAsync(
            async (connection, transaction) => await connection.ExecuteAsync(
                "UPDATE runs SET status = @cancelled WHERE id = @runId", new { runId, cancelled = RunStatus.Cancelled }, transaction));
        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunStatus.Cancelled, result.Status);
    }

    [Fact]
    public async Task WaitAsync_UntilApproval_ReturnsAtTheGate_ThenUntilFinished_ReportsEachNodeDoneOfAll()
    {
        await using var engine = await EngineFixture.StartAsync();
        var runId = await engine.Coordinator.StartAsync(
            Of("gated", Node("gate", "builtin/echo", """{"value":1}""") with { Approval = WorkflowNode.ApprovalRequired }, Node("after", "builtin/echo", """{"value":2}""", "gate")),
            new Dictionary<string, JsonElement>(), TenantId.Default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var atGate = await engine.Coordinator.WaitAsync(runId, RunWaitUntil.FinishedOrAwaitingApproval, cancellationToken: timeout.Token);
        var reports = new List<RunProgress>();
        var finishing = engine.Coordinator.WaitAsync(runId, RunWaitUntil.Finished, new Collector(reports), timeout.Token).AsTask(); // subscribed once called
        await engine.Coordinator.ApproveAsync(runId, "gate", "tester", cancellationToken: timeout.Token);
        var finished = await finishing;

        Assert.Equal(RunStatus.AwaitingApproval, atGate.Status);
        Assert.Equal(RunStatus.Success, finished.Status);
        Assert.Contains(reports, p => p == new RunProgress(1, 2, "gate", "gate: node_finished"));
        Assert.Contains(reports, p => p == new RunProgress(1, 2, "after", "after: started"));
        Assert.Equal(new RunProgress(2, 2, "after", "after: node_finished"), reports[^1]);
    }

    /// <summary>Collects reports on the reporting thread, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Collector(List<RunProgress> reports) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => reports.Add(value);
    }
}
