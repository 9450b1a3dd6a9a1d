using System.Text.Json;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Execution;

/// <summary>Runs written and moved straight through the store, to stop a run's life at a chosen point (as a crash would).</summary>
internal static class StoreRuns
{
    /// <summary>Journals <paramref name="workflow"/> as a running run whose roots are queued, as RunCoordinator.StartAsync does.</summary>
    public static async Task<string> CreateAsync(IRunStateStore store, WorkflowDefinition workflow, long at)
    {
        var runId = Guid.CreateVersion7().ToString("N");
        var graph = WorkflowGraph.Build(workflow);
        var nodes = workflow.Nodes.Select((node, index) =>
        {
            var deps = graph.DependenciesOf(node.Id).Count;
            return new NodeRunRecord
            {
                RunId = runId, NodeId = node.Id, Ordinal = index, Tool = node.Tool,
                Status = deps == 0 ? NodeStatus.Queued : NodeStatus.Pending, RemainingDeps = deps, QueuedAt = deps == 0 ? at : null,
            };
        }).ToArray();
        await store.CreateRunAsync(new RunRecord
        {
            Id = runId, WorkflowId = workflow.Name, WorkflowName = workflow.Name, Definition = WorkflowJson.Serialize(workflow),
            Inputs = JsonSerializer.Serialize(new Dictionary<string, JsonElement>(), EngineJson.Default.DictionaryStringJsonElement),
            Status = RunStatus.Running, CreatedAt = at, StartedAt = at, TenantId = Engine.Tenancy.Tenant.DefaultId,
        }, nodes);
        return runId;
    }

    /// <summary>Completes <paramref name="nodeId"/> through the store only: no dispatch, no closing (a crash right after the commit).</summary>
    public static ValueTask<NodeCompletion> CompleteAsync(
        IRunStateStore store, string runId, string nodeId, string status, long at, IReadOnlyList<string>? dependants = null, bool holdForReplan = false) =>
        store.CompleteNodeAsync(runId, nodeId, new NodeOutcome
        {
            Status = status, FinishedAt = at, Output = status == NodeStatus.Success ? """{"ok":true}""" : null,
            Error = status == NodeStatus.Error ? "broken" : null, Dependants = dependants ?? [], HoldForReplan = holdForReplan,
        });

    /// <summary>Polls the store until <paramref name="done"/> holds (generous bound: the machine may be loaded).</summary>
    public static async Task UntilAsync(Func<Task<bool>> done, string what, double seconds = 60)
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException($"gave up after {seconds} s waiting until {what}");
            }
            await Task.Delay(50);
        }
    }

    public static async Task<string> NodeStatusAsync(IRunStateStore store, string runId, string nodeId) =>
        (await store.GetNodeRunsAsync(runId, [nodeId])).Single().Status;

    /// <summary>Long ago, so the close sweep's grace period is over for anything that finished then.</summary>
    public static long LongAgo => DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
}
