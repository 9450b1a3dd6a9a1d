using WorkflowStudio.Bench.Dags;

namespace WorkflowStudio.Bench.Runners;

/// <summary>The floor: an in-memory DAG runner where each node is a task awaiting its dependencies' tasks. No journal, no queue.</summary>
internal sealed class WhenAllRunner : IDagRunner
{
    public string Name => "Task.WhenAll floor";

    public async Task RunAsync(Dag dag, CancellationToken cancellationToken = default)
    {
        var tasks = new Dictionary<string, Task>(StringComparer.Ordinal);
        foreach (var id in dag.Graph.TopologicalOrder()!)
        {
            var deps = dag.Graph.DependenciesOf(id).Select(d => tasks[d]).ToArray();
            tasks[id] = Run(deps, dag.LatencyMs[id], cancellationToken);
        }
        await Task.WhenAll(tasks.Values);

        static async Task Run(Task[] deps, int ms, CancellationToken cancellationToken)
        {
            await Task.WhenAll(deps);
            await SimulatedTools.WorkAsync(ms, cancellationToken);
        }
    }
}
