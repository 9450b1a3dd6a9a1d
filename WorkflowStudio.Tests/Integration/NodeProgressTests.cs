using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Integration;

/// <summary>
/// A node's MCP call carries a <c>progressToken</c>, and the server's <c>notifications/progress</c> become the node's
/// <see cref="NodeProgressed"/> events in the journal (and so in the live stream): server-everything's
/// <c>trigger-long-running-operation</c> reports each step only when the request has a token.
/// </summary>
[Collection(McpEngineCollection.Name)]
public sealed class NodeProgressTests(McpEngineFixture engine)
{
    [Fact]
    public async Task Invoke_WithOnProgress_SendsATokenAndHearsEveryNotification()
    {
        var reports = new System.Collections.Concurrent.ConcurrentQueue<WorkflowStudio.Engine.Tools.ToolProgress>();
        var request = TestServers.Call("everything", "trigger-long-running-operation", """{ "duration": 1.5, "steps": 3 }""") with
        {
            OnProgress = (progress, _) =>
            {
                reports.Enqueue(progress);
                return ValueTask.CompletedTask;
            },
        };

        var result = await engine.Invoker.InvokeAsync(request);

        Assert.False(result.IsError, result.ErrorMessage);
        // 1 and 2 come well before the result; the SDK hands notifications over concurrently (so in any order), and 3, sent
        // just before the result, may arrive after the call ended, when it is no longer this call's
        Assert.Subset(reports.Select(r => r.Progress).ToHashSet(), new HashSet<double> { 1d, 2d });
        Assert.Subset(new HashSet<double> { 1d, 2d, 3d }, reports.Select(r => r.Progress).ToHashSet());
        Assert.All(reports, r => Assert.Equal(3d, r.Total));
    }

    [Fact]
    public async Task Run_ServerReportsProgress_JournalsEachStepAsNodeProgressed()
    {
        var result = await engine.RunAsync("""
            { "name": "long-operation",
              "nodes": [ { "id": "long", "tool": "everything/trigger-long-running-operation", "args": { "duration": 1.5, "steps": 3 } } ] }
            """);

        Assert.True(result.Status == RunStatus.Success, result.Describe());
        var events = await engine.Services.GetRequiredService<RunJournal>().ReadAsync(result.RunId, 0, 1000);
        var progress = events.OfType<NodeProgressed>().ToList();
        Assert.Subset(progress.Select(p => p.Progress).ToHashSet(), new HashSet<double> { 1d, 2d }); // 3 may race the result (see above)
        Assert.All(progress, p =>
        {
            Assert.Equal("long", p.Node);
            Assert.Equal(1, p.Attempt);
            Assert.Equal(3d, p.Total);
        });
        var finished = events.OfType<NodeFinished>().Single();
        Assert.True(progress[^1].Seq < finished.Seq, "progress is journaled before the node finishes");
    }
}
