using System.Text.Json;
using WorkflowStudio.Tests.Infrastructure;
using static WorkflowStudio.Tests.Cluster.ClusterCli;

namespace WorkflowStudio.Tests.Cluster;

/// <summary>
/// Production topology with real processes: PostgreSQL, worker processes (<c>studio serve --role worker</c>) and a
/// <c>studio run --storage postgres</c> that submits the run and follows it through the journal.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTests(PostgresServer server)
{
    private const string CrashWorkflow = """
        { "name": "crash-safety", "nodes": [
          { "id": "first", "tool": "test/side_effect", "args": { "value": "first" } },
          { "id": "long", "tool": "test/sleep", "args": { "ms": 5000 }, "dependsOn": ["first"] },
          { "id": "last", "tool": "test/side_effect", "args": { "value": "last" }, "dependsOn": ["long"] } ] }
        """;

    [Fact]
    public async Task Run_WorkerKilledMidNode_NodeRerunsElsewhereAndFinishedNodesRunOnce()
    {
        using var workspace = await ClusterWorkspace.CreateAsync(server);
        var file = workspace.Write("crash.json", CrashWorkflow);
        await using var one = await WorkerProcess.StartAsync(workspace);
        await using var two = await WorkerProcess.StartAsync(workspace);
        var run = StartCli(workspace, "run", file, "--json");

        // Kill the worker once its call of the long node is journaled (the tool is running).
        var owner = await WaitForAsync(() => workspace.QueryAsync<string>(
            "SELECT n.lease_owner FROM node_runs n WHERE n.node_id = 'long' AND n.status = 'running' " +
            "AND EXISTS (SELECT 1 FROM node_attempts a WHERE a.run_id = n.run_id AND a.node_id = 'long')"), o => o is not null);
        var victim = owner!.Contains($":{one.Pid}:", StringComparison.Ordinal) ? one : two;
        victim.Kill();
        var (exit, stdout, stderr) = await FinishAsync(run);

        Assert.True(exit == 0, $"exit {exit}; stderr:{Environment.NewLine}{stderr}");
        using var result = JsonDocument.Parse(stdout);
        Assert.Equal("success", result.RootElement.GetProperty("status").GetString());
        var effects = File.ReadAllLines(workspace.SideEffects);
        Assert.Single(effects, l => l.Contains(":first", StringComparison.Ordinal));
        Assert.Single(effects, l => l.Contains(":last", StringComparison.Ordinal));
        var attempts = await workspace.QueryListAsync<string>("SELECT node_id FROM node_attempts ORDER BY node_id");
        Assert.Equal(1, attempts.Count(a => a == "first"));
        Assert.Equal(1, attempts.Count(a => a == "last"));
        Assert.True(attempts.Count(a => a == "long") >= 2, "the killed worker's attempt and the re-run are both journaled");
        Assert.Equal(3, await workspace.QueryAsync<int>("SELECT COUNT(*) FROM node_runs WHERE status = 'success'"));
        // The CLI executed nothing itself: it followed the workers' events through the journal.
        Assert.Contains("long", stderr);
        Assert.Contains("run success", stderr);
    }

    [Fact]
    public async Task Run_PostgresRestartedMidRun_WorkersReconnectAndTheRunCompletes()
    {
        using var workspace = await ClusterWorkspace.CreateAsync(server);
        var file = workspace.Write("chain.json", """
            { "name": "restart", "nodes": [
              { "id": "a", "tool": "test/sleep", "args": { "ms": 1500 } },
              { "id": "b", "tool": "test/sleep", "args": { "ms": 1500 }, "dependsOn": ["a"] },
              { "id": "c", "tool": "test/sleep", "args": { "ms": 1500 }, "dependsOn": ["b"] },
              { "id": "d", "tool": "test/sleep", "args": { "ms": 500 }, "dependsOn": ["c"] } ] }
            """);
        await using var worker = await WorkerProcess.StartAsync(workspace);
        var run = StartCli(workspace, "run", file, "--json");

        await WaitForAsync(() => workspace.QueryAsync<string>("SELECT status FROM node_runs WHERE node_id = 'b'"), s => s == "running");
        await server.RestartAsync();
        var (exit, stdout, stderr) = await FinishAsync(run);

        Assert.True(exit == 0, $"exit {exit}; stderr:{Environment.NewLine}{stderr}{Environment.NewLine}worker:{Environment.NewLine}{worker.Output}");
        using var result = JsonDocument.Parse(stdout);
        Assert.Equal("success", result.RootElement.GetProperty("status").GetString());
        Assert.Equal(4, result.RootElement.GetProperty("results").EnumerateArray().Count(r => r.GetProperty("status").GetString() == "success"));
    }

    [Fact]
    public async Task Run_NoWait_PrintsTheRunIdAndWorkersFinishIt()
    {
        using var workspace = await ClusterWorkspace.CreateAsync(server);
        var file = workspace.Write("quick.json", """{ "name": "quick", "nodes": [ { "id": "a", "tool": "builtin/delay", "args": { "milliseconds": 10 } } ] }""");
        await using var worker = await WorkerProcess.StartAsync(workspace);

        var (exit, stdout, stderr) = await FinishAsync(StartCli(workspace, "run", file, "--no-wait"));

        Assert.True(exit == 0, stderr);
        var runId = stdout.Trim();
        Assert.Matches("^[0-9a-f]{32}$", runId);
        await WaitForAsync(() => workspace.QueryAsync<string>("SELECT status FROM runs WHERE id = @runId", new { runId }), s => s == "success");
        var (showExit, shown, _) = await FinishAsync(StartCli(workspace, "show", runId, "--json"));
        Assert.Equal(0, showExit);
        Assert.Contains("\"status\": \"success\"", shown);
    }

    [Fact]
    public async Task Run_BusinessBuiltinTool_WorkerProcessHasItAndRunsIt()
    {
        using var workspace = await ClusterWorkspace.CreateAsync(server);
        // template_render comes from WorkflowStudio.Tools: a worker process gets it only through AddBuiltinTools in its host.
        var file = workspace.Write("render.json", """
            { "name": "render", "nodes": [
              { "id": "greet", "tool": "builtin/template_render", "args": { "template": "Hello worker" } } ] }
            """);
        await using var worker = await WorkerProcess.StartAsync(workspace);

        var (exit, stdout, stderr) = await FinishAsync(StartCli(workspace, "run", file, "--json"));

        Assert.True(exit == 0, $"exit {exit}; stderr:{Environment.NewLine}{stderr}{Environment.NewLine}worker:{Environment.NewLine}{worker.Output}");
        using var result = JsonDocument.Parse(stdout);
        var greet = Assert.Single(result.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal("Hello worker", greet.GetProperty("result").GetProperty("text").GetString());
    }
}
