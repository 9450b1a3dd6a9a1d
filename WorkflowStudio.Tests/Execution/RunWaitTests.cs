using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Execution.Events;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Workflows;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Tenancy;

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
        await engine.Services.GetRequiredService<IStudioDatabase>().WriteAsync(
            async (connection, transaction) => await connection.ExecuteAsync(
                "UPDATE runs SET status = @cancelled WHERE id = @runId", new { runId, cancelled = RunStatus.Cancelled }, transaction));
        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunStatus.Cancelled, result.Status);
    }
}
