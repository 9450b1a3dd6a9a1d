using WorkflowStudio.Engine.Execution.CrashPoints;
using WorkflowStudio.Tests.Infrastructure;

namespace WorkflowStudio.Tests.Execution.CrashPoints;

/// <summary>
/// The crash-point matrix: a small workflow (a root, a fan-out of three, an approval node, a node that fails for good in
/// a workflow that re-plans, all but the failing one a non-idempotent side effect counted per idempotency key in a
/// ledger outside the engine) runs with the executing process armed to die (SIGKILL) at one <see cref="CrashPoint"/>;
/// then an unarmed process recovers it (leases of 2 s, sweep every 1 s). Checked after every case: the run reaches a
/// final state; no side effect ran twice for one key; no node that had finished when the process died changed its
/// result; and, where the run is cancelled while nobody executes it, no attempt starts after the cancel.
/// Every point on SQLite (a <c>studio run</c>, then <c>studio serve</c>) and on PostgreSQL (<c>serve --role worker</c>).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CrashPointMatrixTests(PostgresServer server)
{
    private const string Workflow = """
        { "name": "crash-matrix", "onFailure": "replan", "nodes": [
          { "id": "root", "tool": "test/side_effect", "args": { "value": "root" } },
          { "id": "f1", "tool": "test/side_effect", "args": { "value": "f1" }, "dependsOn": ["root"] },
          { "id": "f2", "tool": "test/side_effect", "args": { "value": "f2" }, "dependsOn": ["root"] },
          { "id": "f3", "tool": "test/side_effect", "args": { "value": "f3" }, "dependsOn": ["root"] },
          { "id": "gate", "tool": "test/side_effect", "args": { "value": "gate" }, "approval": "required", "dependsOn": ["f1"] },
          { "id": "flaky", "tool": "test/fail_times", "args": { "key": "flaky", "times": 1000 }, "dependsOn": ["f2"] },
          { "id": "after", "tool": "test/side_effect", "args": { "value": "after" }, "dependsOn": ["flaky"] } ] }
        """;

    private static readonly string[] Final = ["success", "partial_success", "failed", "cancelled"];
    private static readonly string[] Finished = ["success", "error", "skipped"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>Each point (at its second hit for node points: a fan-out node), on each database; two points also with a cancel while down.</summary>
    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var database in new[] { "sqlite", "postgres" })
        {
            foreach (var point in Enum.GetValues<CrashPoint>())
            {
                var nth = point is CrashPoint.DuringClosing or CrashPoint.DuringReplan or CrashPoint.DuringApprovalDecision ? 1 : 2;
                data.Add(database, $"{point}:{nth}", false);
            }
            data.Add(database, $"{CrashPoint.AfterStartCommit}:2", true);
            data.Add(database, $"{CrashPoint.DuringToolCall}:2", true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_ProcessKilledAtCrashPoint_InvariantsHoldAfterRecovery(string database, string crashAt, bool cancelWhileDown)
    {
        var postgres = database == "postgres";
        await using var workspace = new CrashWorkspace(postgres ? await server.CreateDatabaseAsync("crash") : null);
        var file = workspace.Write("matrix.json", Workflow);
        var armed = new List<StudioChild>();

        // Phase 1: the executing process is armed. PostgreSQL: a worker executes, an unarmed CLI submits.
        StudioChild executor;
        if (postgres)
        {
            executor = workspace.Start(crashAt, "serve", "--role", "worker");
            await WaitUntilAsync(() => Task.FromResult(executor.Stdout.Contains("is executing nodes", StringComparison.Ordinal) || executor.HasExited),
                "the worker to start", executor);
            var submit = workspace.Start(null, "run", file, "--no-wait");
            Assert.True(await submit.WaitAsync(Patience) == 0, submit.Stderr);
        }
        else
        {
            executor = workspace.Start(crashAt, "run", file, "--json");
        }
        armed.Add(executor);
        var runId = await WaitForValueAsync(() => workspace.QueryAsync<string>("SELECT id FROM runs"), "the run to be journaled", executor);

        var deadline = DateTime.UtcNow + Patience;
        StudioChild? recovery = null;
        IReadOnlyList<NodeRow> atCrash = [];
        long? cancelledAt = null;
        var approvals = 0;
        string? status = null;
        while (DateTime.UtcNow < deadline)
        {
            status = await workspace.QueryAsync<string>("SELECT status FROM runs WHERE id = @runId", new { runId });
            if (Final.Contains(status))
            {
                break;
            }
            if (recovery is null && executor.HasExited)
            {
                // The executor died (or, with SQLite, finished without reaching the point): what had finished stays so.
                atCrash = await NodesAsync(workspace, runId);
                if (cancelWhileDown)
                {
                    cancelledAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    var cancel = workspace.Start(null, "cancel", runId);
                    await cancel.WaitAsync(Patience);
                }
                recovery = postgres
                    ? workspace.Start(null, "serve", "--role", "worker")
                    : workspace.Start(null, "serve", "--urls", $"http://127.0.0.1:{FreePort()}");
            }
            var waiting = await workspace.QueryAsync<string>(
                "SELECT status FROM node_runs WHERE run_id = @runId AND node_id = 'gate'", new { runId });
            if (waiting == "awaiting_approval" && approvals < 3)
            {
                approvals++;
                var approve = workspace.Start(approvals == 1 ? crashAt : null, "approve", runId, "gate");
                armed.Add(approve);
                await approve.WaitAsync(Patience);
            }
            await Task.Delay(250);
        }

        var output = string.Join(Environment.NewLine, armed.Select(p => p.Output)) + Environment.NewLine + "recovery:" +
            Environment.NewLine + recovery?.Output;
        Assert.True(armed.Any(p => p.Stderr.Contains(ConfiguredCrashPoints.Marker, StringComparison.Ordinal)),
            $"crash point {crashAt} was never reached:{Environment.NewLine}{output}");
        Assert.True(Final.Contains(status), $"run {runId} is '{status}' {Patience.TotalSeconds} s after starting, not final:{Environment.NewLine}{output}");

        var ledger = File.Exists(workspace.Ledger) ? File.ReadAllLines(workspace.Ledger) : [];
        var twice = ledger.GroupBy(l => l.Split('\t')[0], StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToArray();
        Assert.True(twice.Length == 0, $"non-idempotent side effects ran twice: {string.Join(", ", twice)}");

        var end = (await NodesAsync(workspace, runId)).ToDictionary(n => n.node_id, StringComparer.Ordinal);
        var changed = atCrash.Where(n => Finished.Contains(n.status) && end[n.node_id] != n).Select(n => $"{n.node_id}: {n} -> {end[n.node_id]}").ToArray();
        Assert.True(changed.Length == 0, $"finished nodes changed their result: {string.Join("; ", changed)}");

        if (cancelledAt is { } cancelled)
        {
            var late = await workspace.QueryListAsync<string>(
                "SELECT node_id FROM node_attempts WHERE run_id = @runId AND started_at > @cancelled", new { runId, cancelled });
            Assert.True(late.Count == 0, $"attempts started after the cancel: {string.Join(", ", late)}");
            Assert.Equal("cancelled", status);
        }
    }

    private static Task<IReadOnlyList<NodeRow>> NodesAsync(CrashWorkspace workspace, string runId) =>
        workspace.QueryListAsync<NodeRow>("SELECT node_id, status, output, error FROM node_runs WHERE run_id = @runId", new { runId });

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, StudioChild process)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}:{Environment.NewLine}{process.Output}");
            await Task.Delay(100);
        }
    }

    private static async Task<T> WaitForValueAsync<T>(Func<Task<T?>> probe, string what, StudioChild process)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}:{Environment.NewLine}{process.Output}");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A node's journaled result (Dapper maps the columns by name).</summary>
    private sealed record NodeRow(string node_id, string status, string? output, string? error);
}
