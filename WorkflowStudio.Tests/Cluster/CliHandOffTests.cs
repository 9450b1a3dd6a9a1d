using WorkflowStudio.Tests.Infrastructure;
using static WorkflowStudio.Tests.Cluster.ClusterCli;

namespace WorkflowStudio.Tests.Cluster;

/// <summary>
/// A command-line verb that hands nodes to the workers (<c>studio run --no-wait</c>, <c>studio approve</c>) has put
/// them on the job queue before it exits: with the recovery sweep's re-dispatch of queued nodes set to an hour, the
/// workers can only learn of the nodes through the jobs those short-lived processes enqueued.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CliHandOffTests(PostgresServer server)
{
    private static readonly string[] Gates = ["a", "b", "c"];

    private static readonly Dictionary<string, string> NoSweepOfQueuedNodes = new()
    {
        ["Execution__QueuedGraceSeconds"] = "3600",
    };

    [Fact]
    public async Task NoWaitAndApprove_ProcessExitsRightAfter_WorkersStartTheNodesWithoutTheSweep()
    {
        using var workspace = await ClusterWorkspace.CreateAsync(server);
        var file = workspace.Write("gates.json", $$"""
            { "name": "hand-off", "nodes": [ {{string.Join(", ", Gates.Select(g =>
                $$"""{ "id": "{{g}}", "tool": "builtin/echo", "args": { "value": "{{g}}" }, "approval": "required" }"""))}} ] }
            """);
        await using var worker = await WorkerProcess.StartAsync(workspace, NoSweepOfQueuedNodes);

        var (exit, stdout, stderr) = await FinishAsync(StartCli(workspace, "run", file, "--no-wait"));
        Assert.True(exit == 0, stderr);
        var runId = stdout.Trim();
        // The roots were enqueued by the exited CLI process: a worker took each and parked it for approval.
        await WaitForAsync(() => CountAsync(workspace, runId, "awaiting_approval"), n => n == Gates.Length);

        foreach (var gate in Gates)
        {
            var (approveExit, _, approveErr) = await FinishAsync(StartCli(workspace, "approve", runId, gate));
            Assert.True(approveExit == 0, approveErr);
        }
        // Each approval was enqueued by its exited process: every node runs, long before any sweep would re-dispatch it.
        await WaitForAsync(() => CountAsync(workspace, runId, "success"), n => n == Gates.Length);
        Assert.Equal("success", await WaitForAsync(
            () => workspace.QueryAsync<string>("SELECT status FROM runs WHERE id = @runId", new { runId }), s => s == "success"));
        Assert.DoesNotContain("Re-dispatching node", worker.Output, StringComparison.Ordinal);
    }

    private static Task<int> CountAsync(ClusterWorkspace workspace, string runId, string status) =>
        workspace.QueryAsync<int>("SELECT COUNT(*)::int FROM node_runs WHERE run_id = @runId AND status = @status", new { runId, status });
}
