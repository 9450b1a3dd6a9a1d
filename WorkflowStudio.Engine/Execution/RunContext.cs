using System.Collections.Concurrent;
using System.Text.Json;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Execution;

/// <summary>What every node of a run needs, parsed once per run and process.</summary>
internal sealed class RunContext : IDisposable
{
    public RunContext(string runId, string workflowId, WorkflowDefinition definition, IReadOnlyDictionary<string, JsonElement> inputs, DateTimeOffset startedAt)
    {
        RunId = runId;
        WorkflowId = workflowId;
        Definition = definition;
        Graph = WorkflowGraph.Build(definition);
        Inputs = inputs;
        StartedAt = startedAt;
    }

    public string RunId { get; }
    public string WorkflowId { get; }
    public WorkflowDefinition Definition { get; }
    public WorkflowGraph Graph { get; }
    public IReadOnlyDictionary<string, JsonElement> Inputs { get; }
    public DateTimeOffset StartedAt { get; }

    /// <summary>The tenant the run belongs to (<see cref="Runs.RunRecord.TenantId"/>); every tool call of the run carries it.</summary>
    public string TenantId { get; init; } = Tenancy.Tenant.DefaultId;

    /// <summary>The graph revision this context holds (0 = as started; re-planning increments it).</summary>
    public int Revision { get; init; }

    /// <summary>Fires when the run is cancelled; running tool calls observe it.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Tool descriptors looked up by this run (annotations decide retry safety).</summary>
    public ConcurrentDictionary<string, ToolDescriptor?> Tools { get; } = new(StringComparer.Ordinal);

    /// <summary>Every node reachable from <paramref name="nodeId"/> through dependants.</summary>
    public IReadOnlyList<string> Descendants(string nodeId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(Graph.DependantsOf(nodeId));
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (seen.Add(id))
            {
                foreach (var next in Graph.DependantsOf(id))
                {
                    stack.Push(next);
                }
            }
        }
        return [.. seen];
    }

    public void Dispose() => Cancellation.Dispose();
}
