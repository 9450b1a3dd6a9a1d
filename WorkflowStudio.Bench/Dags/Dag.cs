using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Bench.Dags;

/// <summary>A benchmark DAG: a workflow whose every node waits its own latency, and that latency table.</summary>
internal sealed record Dag(string Name, WorkflowDefinition Workflow, IReadOnlyDictionary<string, int> LatencyMs)
{
    private WorkflowGraph? _graph;

    public WorkflowGraph Graph => _graph ??= WorkflowGraph.Build(Workflow);

    public TimeSpan CriticalPath => Graph.CriticalPath(id => TimeSpan.FromMilliseconds(LatencyMs[id])).Length;

    public int Nodes => Workflow.Nodes.Count;

    /// <summary>
    /// Each node's level: its longest distance in edges from a root. A superstep engine (Agent Framework) runs level k in
    /// superstep k, and WorkflowCore's level blocks do the same.
    /// </summary>
    public IReadOnlyDictionary<string, int> Levels()
    {
        var level = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in Graph.TopologicalOrder()!)
        {
            var deps = Graph.DependenciesOf(id);
            level[id] = deps.Count == 0 ? 0 : deps.Max(d => level[d]) + 1;
        }
        return level;
    }

    /// <summary>The makespan of any engine that waits for a whole level before starting the next: Σ over levels of the slowest node.</summary>
    public TimeSpan LevelBarrierTime =>
        TimeSpan.FromMilliseconds(Levels().GroupBy(kv => kv.Value).Sum(g => g.Max(kv => LatencyMs[kv.Key])));

    /// <summary>Sum of all latencies: the wall time of a run that executes one node at a time.</summary>
    public TimeSpan SequentialTime => TimeSpan.FromMilliseconds(LatencyMs.Values.Sum());

    /// <summary>The same graph and latencies, every node calling <paramref name="tool"/> instead.</summary>
    public Dag WithTool(DagTool tool) => this with
    {
        Workflow = Workflow with
        {
            Nodes = Workflow.Nodes.Select(n => n with
            {
                Tool = tool.Tool,
                Args = JsonSerializer.SerializeToElement(new Dictionary<string, int> { [tool.LatencyArgument] = LatencyMs[n.Id] }),
            }).ToList(),
        },
    };

    /// <summary>The same nodes run one at a time in topological order (the seed's naive loop): each depends on the one before.</summary>
    public Dag Sequential()
    {
        var order = Graph.TopologicalOrder()!;
        var byId = Workflow.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var nodes = order.Select((id, i) => byId[id] with { DependsOn = i == 0 ? [] : [order[i - 1]] }).ToList();
        return new Dag($"{Name} (sequential)", Workflow with { Nodes = nodes }, LatencyMs);
    }
}
