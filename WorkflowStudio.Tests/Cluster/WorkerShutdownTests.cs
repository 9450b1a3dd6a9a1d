using WorkflowStudio.Tests.Infrastructure;

namespace WorkflowStudio.Tests.Cluster;

/// <summary>
/// A worker stops cleanly whatever its database does meanwhile: SIGTERM while PostgreSQL goes away under it (a host or
/// cluster shutting down, where the database and the workers get their stop signal at the same moment).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WorkerShutdownTests(PostgresServer server)
{
    /// <summary>How long after the SIGTERM the database stops, per round: the connections drop at different stages of the stop.</summary>
    private static readonly int[] StopDelaysMs = [0, 300, 700, 1200];

    [Fact]
    public async Task Serve_SigtermWhilePostgresStops_ExitsCleanly()
    {
        using var workspace = await ClusterWorkspace.CreateAsync(server);
        foreach (var delayMs in StopDelaysMs)
        {
            await using var one = await WorkerProcess.StartAsync(workspace);
            await using var two = await WorkerProcess.StartAsync(workspace);
            try
            {
                one.Terminate();
                two.Terminate();
                await Task.Delay(delayMs);
                await server.StopAsync("immediate");
                foreach (var worker in new[] { one, two })
                {
                    var exit = await worker.WaitForExitAsync(TimeSpan.FromSeconds(90));
                    Assert.True(exit == 0, $"database stopped {delayMs} ms after SIGTERM: worker exited with {exit}:{Environment.NewLine}{worker.Output}");
                    Assert.DoesNotContain("Unhandled exception", worker.Output, StringComparison.Ordinal);
                }
            }
            finally
            {
                await server.StartAsync();
            }
        }
    }
}
