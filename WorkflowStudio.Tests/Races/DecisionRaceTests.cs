using System.Text.Json;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Execution;
using static WorkflowStudio.Tests.Execution.Wf;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Races;

/// <summary>
/// Every decision two actors can make at once (approve, reject, cancel, a node's completion), fired together on many nodes
/// and runs: exactly one winner each, the loser told who won, a consistent final state, and a run that ends.
/// </summary>
public abstract class DecisionRaceTests
{
    private const int Nodes = 40;

    private protected abstract Task<EngineFixture> StartAsync(params IToolSource[] tools);

    /// <summary>Runs of each race (each with <see cref="Nodes"/> nodes deciding at once).</summary>
    protected abstract int Iterations { get; }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task ApproveAndReject_SameNodesAtOnce_ExactlyOneWinsPerNode()
    {
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.Zero);
        await using var engine = await StartAsync(tools);
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var runId = await StartGatedAsync(engine);

            var decisions = await Task.WhenAll(Ids.Select(async id =>
            {
                var approve = Task.Run(() => TryAsync(() => engine.Coordinator.ApproveAsync(runId, id, "alice")));
                var reject = Task.Run(() => TryAsync(() => engine.Coordinator.RejectAsync(runId, id, "bob", "no")));
                return (Id: id, Approve: await approve, Reject: await reject);
            }));
            var late = await Task.WhenAll(Ids.Select(async id => (
                Id: id,
                Approve: await TryAsync(() => engine.Coordinator.ApproveAsync(runId, id, "dave")),
                Reject: await TryAsync(() => engine.Coordinator.RejectAsync(runId, id, "erin", "late")))));
            Assert.All(decisions, d => Assert.True(d.Approve is null ^ d.Reject is null, $"node {d.Id}: exactly one decision may win"));
            Assert.All(late, d => Assert.True(d.Approve is not null && d.Reject is not null, $"node {d.Id}: decided already, both later calls lose"));
            var result = await engine.Coordinator.WaitAsync(runId).AsTask().WaitAsync(Patience);

            var rows = (await engine.Store.GetNodeRunsAsync(runId)).ToDictionary(r => r.NodeId);
            foreach (var (id, approveLost, rejectLost) in decisions)
            {
                var row = rows[id];
                var loser = approveLost ?? rejectLost!;
                Assert.NotNull(loser.Winner);
                if (approveLost is null)
                {
                    Assert.Equal(NodeStatus.Success, row.Status);
                    Assert.Equal((NodeDecision.Approved, "alice"), (loser.Winner.Decision, loser.Winner.DecidedBy));
                }
                else
                {
                    Assert.Equal(NodeStatus.Skipped, row.Status);
                    Assert.Equal("rejected by bob: no", row.Error);
                    Assert.Equal((NodeDecision.Rejected, "bob"), (loser.Winner.Decision, loser.Winner.DecidedBy));
                }
                Assert.Contains(loser.Winner.DecidedBy, loser.Message, StringComparison.Ordinal);
                Assert.Equal(loser.Winner.Decision, row.Decision);
            }
            Assert.Equal(decisions.Count(d => d.Approve is null), tools.Calls.Count(c => c.Key!.StartsWith(runId, StringComparison.Ordinal)));
            Assert.True(RunStatus.IsTerminal(result.Status));
        }
    }

    [Fact]
    public async Task ApproveAndCancel_AtOnce_EachNodeHasOneWinnerAndTheRunEndsCancelled()
    {
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.Zero);
        await using var engine = await StartAsync(tools);
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var runId = await StartGatedAsync(engine);

            var cancel = Task.Run(async () => await engine.Coordinator.CancelAsync(runId, "cancelled by carol"));
            var approvals = await Task.WhenAll(Ids.Select(id => Task.Run(async () => (Id: id, Lost: await TryAsync(() => engine.Coordinator.ApproveAsync(runId, id, "alice"))))));
            var accepted = await cancel;
            var result = await engine.Coordinator.WaitAsync(runId).AsTask().WaitAsync(Patience);

            // The cancel loses only to every node being approved and run before it.
            Assert.Equal(accepted ? RunStatus.Cancelled : RunStatus.Success, result.Status);
            var rows = (await engine.Store.GetNodeRunsAsync(runId)).ToDictionary(r => r.NodeId);
            foreach (var (id, lost) in approvals)
            {
                var row = rows[id];
                if (lost is null)
                {
                    Assert.Equal(NodeDecision.Approved, row.Decision);
                    Assert.Contains(row.Status, new[] { NodeStatus.Success, NodeStatus.Skipped });
                }
                else
                {
                    Assert.Equal(NodeDecision.Cancelled, lost.Winner?.Decision);
                    Assert.Null(row.Decision);
                    Assert.Equal((NodeStatus.Skipped, "cancelled by carol"), (row.Status, row.Error));
                }
            }
            Assert.Equal(rows.Values.Count(r => r.Status == NodeStatus.Success), tools.Calls.Count(c => c.Key!.StartsWith(runId, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task RejectAndCancel_AtOnce_EachNodeHasOneWinnerAndTheRunEndsCancelled()
    {
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.Zero);
        await using var engine = await StartAsync(tools);
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var runId = await StartGatedAsync(engine);

            var cancel = Task.Run(async () => await engine.Coordinator.CancelAsync(runId, "cancelled by carol"));
            var rejections = await Task.WhenAll(Ids.Select(id => Task.Run(async () => (Id: id, Lost: await TryAsync(() => engine.Coordinator.RejectAsync(runId, id, "bob", "no"))))));
            var accepted = await cancel;
            var result = await engine.Coordinator.WaitAsync(runId).AsTask().WaitAsync(Patience);

            var rows = (await engine.Store.GetNodeRunsAsync(runId)).ToDictionary(r => r.NodeId);
            Assert.All(rows.Values, r => Assert.Equal(NodeStatus.Skipped, r.Status));
            foreach (var (id, lost) in rejections)
            {
                Assert.Equal(lost is null ? "rejected by bob: no" : "cancelled by carol", rows[id].Error);
                Assert.Equal(lost is null ? NodeDecision.Rejected : null, rows[id].Decision);
            }
            // The cancel loses only to the last rejection closing the run first.
            Assert.True(accepted ? result.Status == RunStatus.Cancelled : rejections.All(r => r.Lost is null) && RunStatus.IsTerminal(result.Status));
            Assert.DoesNotContain(tools.Calls, c => c.Key!.StartsWith(runId, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task CancelTwiceAtOnce_ExactlyOneIsAccepted()
    {
        var tools = new ScriptedToolSource().Add("hang", async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return ToolCallResult.Success(Json("null"));
        });
        await using var engine = await StartAsync(tools);
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var runId = await engine.Coordinator.StartAsync(Of("hang", Ids.Select(id => Node(id, "hang")).ToArray()), new Dictionary<string, JsonElement>(), TenantId.Default);

            var both = await Task.WhenAll(Task.Run(async () => await engine.Coordinator.CancelAsync(runId, "first")),
                Task.Run(async () => await engine.Coordinator.CancelAsync(runId, "second")));
            var result = await engine.Coordinator.WaitAsync(runId).AsTask().WaitAsync(Patience);

            Assert.Single(both, accepted => accepted);
            Assert.Equal(RunStatus.Cancelled, result.Status);
            var reason = both[0] ? "first" : "second";
            Assert.All(result.Results.Where(r => r.Status == NodeStatus.Skipped && r.Error != "the run was cancelled"), r => Assert.Equal(reason, r.Error));
        }
    }

    [Fact]
    public async Task CancelAndNodeCompletionAtOnce_TheRunEndsConsistently()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new ScriptedToolSource().Add("gated", async (_, ct) =>
        {
            await Volatile.Read(ref gate).Task.WaitAsync(ct);
            return ToolCallResult.Success(Json("""{"ok":true}"""));
        });
        await using var engine = await StartAsync(tools);
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            Volatile.Write(ref gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var runId = await engine.Coordinator.StartAsync(Of("gated", Ids.Select(id => Node(id, "gated")).ToArray()), new Dictionary<string, JsonElement>(), TenantId.Default);
            await StoreRuns.UntilAsync(async () => (await engine.Store.GetNodeRunsAsync(runId)).All(r => r.Status == NodeStatus.Running), "every node runs");

            var release = Task.Run(() => gate.TrySetResult());
            var accepted = await Task.Run(async () => await engine.Coordinator.CancelAsync(runId, "stop"));
            await release;
            var result = await engine.Coordinator.WaitAsync(runId).AsTask().WaitAsync(Patience);

            Assert.Equal(accepted ? RunStatus.Cancelled : RunStatus.Success, result.Status);
            Assert.All(result.Results, r => Assert.Contains(r.Status, new[] { NodeStatus.Success, NodeStatus.Skipped }));
            Assert.Equal(Nodes, tools.Calls.Count(c => c.Key!.StartsWith(runId, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task DecisionsAndTheRunsLastCompletionsAtOnce_EachNodeHasOneWinnerAndTheRunEnds()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new ScriptedToolSource().AddDelay("work", TimeSpan.Zero).Add("gated", async (_, ct) =>
        {
            await Volatile.Read(ref gate).Task.WaitAsync(ct);
            return ToolCallResult.Success(Json("""{"ok":true}"""));
        });
        await using var engine = await StartAsync(tools);
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            Volatile.Write(ref gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var half = Ids.Take(Nodes / 2).ToArray();
            var gated = Ids.Skip(Nodes / 2).ToArray();
            var workflow = Of("mixed", [.. half.Select(id => Node(id, "work") with { Approval = WorkflowNode.ApprovalRequired }), .. gated.Select(id => Node(id, "gated"))]);
            var runId = await engine.Coordinator.StartAsync(workflow, new Dictionary<string, JsonElement>(), TenantId.Default);
            await StoreRuns.UntilAsync(async () => (await engine.Store.GetNodeRunsAsync(runId)).All(r => r.Status is NodeStatus.Running or NodeStatus.AwaitingApproval),
                "every node runs or waits");

            var release = Task.Run(() => gate.TrySetResult());
            var decisions = await Task.WhenAll(half.Select(async (id, i) =>
            {
                var approve = Task.Run(() => TryAsync(() => engine.Coordinator.ApproveAsync(runId, id, "alice")));
                var reject = Task.Run(() => TryAsync(() => engine.Coordinator.RejectAsync(runId, id, "bob", "no")));
                return (Id: id, Approve: await approve, Reject: await reject);
            }));
            await release;
            var result = await engine.Coordinator.WaitAsync(runId).AsTask().WaitAsync(Patience);

            Assert.All(decisions, d => Assert.True(d.Approve is null ^ d.Reject is null, $"node {d.Id}: exactly one decision may win"));
            var byId = result.Results.ToDictionary(r => r.ActionId);
            Assert.All(decisions, d => Assert.Equal(d.Approve is null ? NodeStatus.Success : NodeStatus.Skipped, byId[d.Id].Status));
            Assert.All(gated, id => Assert.Equal(NodeStatus.Success, byId[id].Status));
            Assert.True(RunStatus.IsTerminal(result.Status));
        }
    }

    private static IEnumerable<string> Ids => Enumerable.Range(0, Nodes).Select(i => $"n{i:00}");

    /// <summary>Starts a run of <see cref="Nodes"/> independent nodes that each need approval, and waits until all wait.</summary>
    private static async Task<string> StartGatedAsync(EngineFixture engine)
    {
        var workflow = Of("gates", Ids.Select(id => Node(id, "work") with { Approval = WorkflowNode.ApprovalRequired }).ToArray());
        var runId = await engine.Coordinator.StartAsync(workflow, new Dictionary<string, JsonElement>(), TenantId.Default);
        await StoreRuns.UntilAsync(async () => (await engine.Store.GetNodeRunsAsync(runId)).All(r => r.Status == NodeStatus.AwaitingApproval),
            "every node waits for approval");
        return runId;
    }

    private static async Task<ApprovalException?> TryAsync(Func<ValueTask> decide)
    {
        try
        {
            await decide();
            return null;
        }
        catch (ApprovalException lost)
        {
            return lost;
        }
    }
}

public sealed class SqliteDecisionRaceTests : DecisionRaceTests
{
    protected override int Iterations => 5;

    private protected override Task<EngineFixture> StartAsync(params IToolSource[] tools) => EngineFixture.StartAsync(tools);
}

[Collection(Infrastructure.PostgresCollection.Name)]
public sealed class PostgresDecisionRaceTests(Infrastructure.PostgresServer server) : DecisionRaceTests
{
    protected override int Iterations => 3;

    private protected override async Task<EngineFixture> StartAsync(params IToolSource[] tools) =>
        await EngineFixture.StartAsync(
            new Dictionary<string, string?>
            {
                ["Studio:Storage"] = "postgres",
                ["ConnectionStrings:Studio"] = await server.CreateDatabaseAsync("races"),
                ["Execution:WorkerCount"] = "8",
            },
            tools);
}
