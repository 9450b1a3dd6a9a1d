using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Tools;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Execution;

public sealed class RunResultBuilderTests
{
    [Fact]
    public async Task BuildAsync_RunningRunReadManyTimes_CallsTheModelNeverAndOnceWhenTheRunEnds()
    {
        var model = new CountingChatClient((_, _) => """{"summary":"all done","next_actions":[]}""");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new ScriptedToolSource().Add("gate", async (_, ct) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(ct);
            return ToolCallResult.Success(Json("""{"ok":true}"""));
        });
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string?>(), services => services.AddSingleton<IChatClient>(model), tools);
        var runId = await engine.Coordinator.StartAsync(Of("reads", Node("a", "gate"), Node("b", "gate", null, "a")), new Dictionary<string, JsonElement>(), TenantId.Default);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        for (var i = 0; i < 10; i++)
        {
            var progress = (await engine.Coordinator.GetResultAsync(runId))!;
            Assert.Equal(RunStatus.Running, progress.Status);
            Assert.False(string.IsNullOrWhiteSpace(progress.ExecutionSummary));
        }
        Assert.Equal(0, model.Calls);

        release.TrySetResult();
        var result = await engine.Coordinator.WaitAsync(runId).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        for (var i = 0; i < 5; i++)
        {
            await engine.Coordinator.GetResultAsync(runId);
        }

        Assert.Equal(RunStatus.Success, result.Status);
        Assert.Equal("all done", result.ExecutionSummary);
        Assert.Equal(1, model.Calls);
    }
}
