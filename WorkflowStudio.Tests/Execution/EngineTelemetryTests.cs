using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Web.Hosting;
using static WorkflowStudio.Tests.Execution.Wf;

namespace WorkflowStudio.Tests.Execution;

public sealed class EngineTelemetryTests
{
    [Fact]
    public async Task Run_EmitsAnActivityPerNodeAttemptAndOnePerRun()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EngineTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var calls = 0;
        var tools = new ScriptedToolSource().Add("flaky", (_, _) =>
            Task.FromResult(Interlocked.Increment(ref calls) == 1 ? ToolCallResult.Failure("busy") : ToolCallResult.Success(Json("1"))));
        await using var engine = await EngineFixture.StartAsync(tools);

        var result = await engine.RunAsync(Of("telemetry", Node("n", "flaky") with { Retry = new() { MaxAttempts = 2, BackoffSeconds = 0 } }));

        var attempts = activities.Where(a => a.OperationName == "node.attempt" && (string?)a.GetTagItem("workflowstudio.run_id") == result.RunId).ToArray();
        Assert.Equal([1, 2], attempts.Select(a => (int)a.GetTagItem("workflowstudio.attempt")!).Order());
        Assert.All(attempts, a => Assert.Equal("test", a.GetTagItem("workflowstudio.server")));
        Assert.Equal(["error", "success"], attempts.OrderBy(a => (int)a.GetTagItem("workflowstudio.attempt")!).Select(a => (string?)a.GetTagItem("workflowstudio.status")));
        var run = Assert.Single(activities, a => a.OperationName == "workflow.run" && (string?)a.GetTagItem("workflowstudio.run_id") == result.RunId);
        Assert.Equal("success", run.GetTagItem("workflowstudio.status"));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("http://127.0.0.1:4317", true)]
    public void AddStudioTelemetry_ExportsOnlyWhenAnOtlpEndpointIsConfigured(string? endpoint, bool exported)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(TelemetryExtensions.EndpointVariable, endpoint)]).Build();
        using var services = new ServiceCollection().AddLogging().AddStudioTelemetry(configuration).BuildServiceProvider();

        Assert.Equal(exported, services.GetService<TracerProvider>() is not null);
    }
}
