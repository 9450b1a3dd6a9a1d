using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Tools;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Execution;

/// <summary>A run's context loaded from the journal carries what the journal says, its cancel included.</summary>
public sealed class RunContextCacheTests
{
    [Fact]
    public async Task GetAsync_RunCancelledBeforeThisProcessLoadedIt_ContextIsCancelled()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new ScriptedToolSource().Add("hang", async (_, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return ToolCallResult.Success(Json("{}"));
        });
        await using var engine = await EngineFixture.StartAsync(tools);
        var runId = await engine.Coordinator.StartAsync(Of("hangs", Node("h", "hang")), new Dictionary<string, JsonElement>(), TenantId.Default);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(await engine.Coordinator.CancelAsync(runId, "stop"));
        var contexts = engine.Services.GetRequiredService<RunContextCache>();

        contexts.Remove(runId); // as in a process that had not loaded the run when the cancel was journaled
        var loaded = await contexts.GetAsync(runId);

        Assert.True(loaded!.Cancellation.IsCancellationRequested);
    }
}
