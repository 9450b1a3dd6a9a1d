using WorkflowStudio.Bench.Dags;

namespace WorkflowStudio.Bench.Runners;

/// <summary>Something that executes a benchmark DAG to the end, each node waiting its latency.</summary>
internal interface IDagRunner
{
    string Name { get; }

    Task RunAsync(Dag dag, CancellationToken cancellationToken = default);
}
