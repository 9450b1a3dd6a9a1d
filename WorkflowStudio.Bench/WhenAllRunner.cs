using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Bench;

/// <summary>The floor: an in-memory DAG runner where each node is a task awaiting its dependencies' tasks. No journal, no queue.</summary>
internal static class WhenAllRunner
{
    public static async Task RunAsync(DagShapes.Dag dag, CancellationToken cancellationToken = default)
    {
        var graph = WorkflowGraph.Build(dag.Workflow);
        var tasks = new Dictionary<string, Task>(StringComparer.Ordinal);
        foreach (var id in graph.TopologicalOrder()!)
        {
            var deps = graph.DependenciesOf(id).Select(d => tasks[d]).ToArray();
            var ms = dag.LatencyMs[id];
            tasks[id] = Run(deps, ms, cancellationToken);
        }
        await Task.WhenAll(tasks.Values);

        static async Task Run(Task[] deps, int ms, CancellationToken cancellationToken)
        {
            await Task.WhenAll(deps);
            if (ms > 0)
            {
                await Task.Delay(ms, cancellationToken);
            }
        }
    }
}
