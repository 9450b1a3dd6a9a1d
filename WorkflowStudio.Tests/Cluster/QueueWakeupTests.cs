using System.Text.Json;
using WorkflowStudio.Tests.Infrastructure;
using static WorkflowStudio.Tests.Cluster.ClusterCli;

namespace WorkflowStudio.Tests.Cluster;

/// <summary>
/// Worker processes learn of new node jobs from PostgreSQL notifications, not from polling: with the queue's safety-net
/// poll set to ten minutes, a run submitted by another process (and each dependant a worker enqueues) still completes,
/// which it could only do through a notification; also after PostgreSQL restarted under the worker's LISTEN connection.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class QueueWakeupTests(PostgresServer server)
{
    private const string Chain = """
        { "name": "wake-up", "nodes": [
          { "id": "a", "tool": "builtin/delay", "args": { "milliseconds": 300 } },
          { "id": "b", "tool": "builtin/delay", "args": { "milliseconds": 300 }, "dependsOn": ["a"] },
          { "id": "c", "tool": "builtin/echo", "args": { "value": "done" }, "dependsOn": ["b"] } ] }
        """;

    /// <summary>No poll and no re-dispatch of queued nodes within a test's time: only a notification can wake a worker.</summary>
    private static readonly Dictionary<string, string> NotificationsOnly = new()
    {
        ["Execution__QueuePollSeconds"] = "600",
        ["Execution__QueuedGraceSeconds"] = "3600",
    };

    [Fact]
    public async Task Worker_PollingOff_RunsJobsEnqueuedByAnotherProcessAndItself()
    {
        using var workspace = await ClusterWorkspace.CreateAsync(server);
        var file = workspace.Write("chain.json", Chain);
        await using var worker = await WorkerProcess.StartAsync(workspace, NotificationsOnly);

        // The CLI process enqueues "a"; the worker enqueues "b" and "c" while its threads wait for work.
        var (exit, stdout, stderr) = await FinishAsync(StartCli(workspace, "run", file, "--json"));

        AssertSucceeded(exit, stdout, stderr, worker);
    }

    [Fact]
    public async Task Worker_PostgresRestartedWhileIdle_ListenerReconnectsAndRunsNewJobs()
    {
        using var workspace = await ClusterWorkspace.CreateAsync(server);
        var file = workspace.Write("chain.json", Chain);
        await using var worker = await WorkerProcess.StartAsync(workspace, NotificationsOnly);
        var (warmExit, warmOut, warmErr) = await FinishAsync(StartCli(workspace, "run", file, "--json"));
        AssertSucceeded(warmExit, warmOut, warmErr, worker); // the worker is listening

        await server.RestartAsync();
        var (exit, stdout, stderr) = await FinishAsync(StartCli(workspace, "run", file, "--json"));

        AssertSucceeded(exit, stdout, stderr, worker);
    }

    private static void AssertSucceeded(int exit, string stdout, string stderr, WorkerProcess worker)
    {
        Assert.True(exit == 0, $"exit {exit}; stderr:{Environment.NewLine}{stderr}{Environment.NewLine}worker:{Environment.NewLine}{worker.Output}");
        using var result = JsonDocument.Parse(stdout);
        Assert.Equal("success", result.RootElement.GetProperty("status").GetString());
        Assert.Equal(3, result.RootElement.GetProperty("results").EnumerateArray().Count(r => r.GetProperty("status").GetString() == "success"));
    }
}
