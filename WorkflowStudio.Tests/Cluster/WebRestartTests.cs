using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Tests.Infrastructure;

namespace WorkflowStudio.Tests.Cluster;

/// <summary>
/// A web process restarted in the middle of a run executed by a worker: a live client reconnects to the new process
/// and keeps receiving the run's events until it finishes (events travel through the journal, not through memory).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WebRestartTests(PostgresServer server)
{
    [Fact]
    public async Task LiveEvents_WebProcessRestartedMidRun_ResumeOnTheNewProcess()
    {
        using var workspace = await ClusterWorkspace.CreateAsync(server);
        var file = workspace.Write("chain.json", """
            { "name": "web-restart", "nodes": [
              { "id": "a", "tool": "test/sleep", "args": { "ms": 1500 } },
              { "id": "b", "tool": "test/sleep", "args": { "ms": 2500 }, "dependsOn": ["a"] },
              { "id": "c", "tool": "test/sleep", "args": { "ms": 1000 }, "dependsOn": ["b"] } ] }
            """);
        await using var worker = await WorkerProcess.StartAsync(workspace);
        var port = FreePort();
        var web = await StartWebAsync(workspace, port);
        var submitted = Process.Start(workspace.StudioStart("run", file, "--no-wait"))!;
        var runId = (await submitted.StandardOutput.ReadToEndAsync()).Trim();
        await submitted.WaitForExitAsync();

        var events = new ConcurrentQueue<string>();
        long lastSeq = 0;
        await using var connection = new HubConnectionBuilder()
            .WithUrl($"http://127.0.0.1:{port}/hubs/runs")
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)])
            .Build();
        connection.On<JsonElement>("runEvent", e =>
        {
            var seq = e.GetProperty("seq").GetInt64();
            if (seq > Interlocked.Read(ref lastSeq))
            {
                Interlocked.Exchange(ref lastSeq, seq);
                events.Enqueue(e.GetProperty("type").GetString()! + ":" + (e.TryGetProperty("node", out var n) ? n.GetString() : ""));
            }
        });
        // On reconnection the client resumes after the last event it saw: the new process replays the journal from there.
        connection.Reconnected += async _ => await connection.InvokeAsync("Resume", runId, Interlocked.Read(ref lastSeq));
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", runId);

        await WaitUntilAsync(() => events.Contains("node_finished:a"), "node a finished before the restart");
        web.Kill(entireProcessTree: true);
        await web.WaitForExitAsync();
        using var restarted = await StartWebAsync(workspace, port);
        await WaitUntilAsync(() => events.Any(e => e.StartsWith("run_finished", StringComparison.Ordinal)), "run_finished after the restart");

        Assert.Contains("node_finished:c", events);
        Assert.Equal(events.Count, events.Distinct().Count()); // nothing twice, nothing lost: a, b and c each finished once
        Assert.Equal(["node_finished:a", "node_finished:b", "node_finished:c"], events.Where(e => e.StartsWith("node_finished", StringComparison.Ordinal)));
        Assert.Equal("success", await workspace.QueryAsync<string>("SELECT status FROM runs WHERE id = @runId", new { runId }));
        restarted.Kill(entireProcessTree: true);
    }

    private static async Task<Process> StartWebAsync(ClusterWorkspace workspace, int port)
    {
        var process = Process.Start(workspace.StudioStart("serve", "--role", "web", "--urls", $"http://127.0.0.1:{port}"))!;
        process.StandardInput.Close();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                return process; // any answer means Kestrel listens (health may be degraded until a worker heartbeat is seen)
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }
        throw new InvalidOperationException($"web process did not start: {await process.StandardError.ReadToEndAsync()}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
