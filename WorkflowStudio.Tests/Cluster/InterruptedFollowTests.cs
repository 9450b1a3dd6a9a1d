using WorkflowStudio.Tests.Cli;
using WorkflowStudio.Tests.Infrastructure;

namespace WorkflowStudio.Tests.Cluster;

/// <summary>
/// <c>studio run --storage postgres</c> interrupted by SIGTERM while it follows a run: the cluster executes the run, so the
/// command stops waiting, says the run goes on and how to follow it, exits 130, and the run is left running.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class InterruptedFollowTests(PostgresServer server)
{
    [Fact]
    public async Task Run_SigtermWhileFollowing_StopsWaitingAndTheRunGoesOn()
    {
        using var workspace = await ClusterWorkspace.CreateAsync(server);
        var file = workspace.Write("gate.json", """
            { "name": "gate", "nodes": [ { "id": "gate", "tool": "builtin/echo", "args": { "value": "x" }, "approval": "required" } ] }
            """);
        using var studio = new InterruptedProcess(workspace.StudioStart("run", file));
        await studio.WaitForStderrAsync("started");

        var (exit, _, stderr) = await studio.SignalAndWaitAsync("TERM");

        Assert.True(exit == 130, $"exit {exit}; stderr:\n{stderr}");
        Assert.Contains("goes on in the cluster", stderr, StringComparison.Ordinal);
        Assert.Equal(1, await workspace.QueryAsync<int>("SELECT COUNT(*) FROM runs WHERE status IN ('running', 'awaiting_approval')"));
    }
}
