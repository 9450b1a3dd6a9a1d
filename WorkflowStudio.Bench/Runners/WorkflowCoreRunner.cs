using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;
using WorkflowStudio.Bench.Dags;

namespace WorkflowStudio.Bench.Runners;

/// <summary>
/// WorkflowCore 3.22 with its default in-memory persistence and queue. Its builder expresses series-parallel graphs only
/// (<c>Parallel().Do(...).Join()</c>), so a DAG becomes one parallel block per topological level (a node's level is its
/// longest distance from a root), each node an async step body waiting its latency.
/// </summary>
internal sealed class WorkflowCoreRunner : IDagRunner, IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IWorkflowHost _host;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _pending = new(StringComparer.Ordinal);

    public WorkflowCoreRunner()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddWorkflow();
        services.AddTransient<WorkStep>();
        _services = services.BuildServiceProvider();
        _host = _services.GetRequiredService<IWorkflowHost>();
        _host.OnLifeCycleEvent += OnLifeCycleEvent;
        _host.Start();
    }

    public string Name => "WorkflowCore 3.22.0";

    public sealed class BenchData;

    /// <summary>One node: waits <see cref="Ms"/> milliseconds like the other runners' nodes.</summary>
    public sealed class WorkStep : StepBodyAsync
    {
        public int Ms { get; set; }

        public override async Task<ExecutionResult> RunAsync(IStepExecutionContext context)
        {
            await SimulatedTools.WorkAsync(Ms, CancellationToken.None);
            return ExecutionResult.Next();
        }
    }

    public async Task RunAsync(Dag dag, CancellationToken cancellationToken = default)
    {
        var definition = new LevelledWorkflow($"{dag.Name}-{Guid.NewGuid():N}", Levels(dag));
        _host.Registry.RegisterWorkflow(definition);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Registered before the start so a fast completion is not missed: the instance id is only known after StartWorkflow.
        var id = await _host.StartWorkflow(definition.Id, 1, new BenchData());
        _pending[id] = done;
        if (await _host.PersistenceStore.GetWorkflowInstance(id, cancellationToken) is { Status: WorkflowStatus.Complete })
        {
            done.TrySetResult();
        }
        await done.Task.WaitAsync(cancellationToken);
        _pending.TryRemove(id, out _);
    }

    private void OnLifeCycleEvent(LifeCycleEvent evt)
    {
        if (evt is WorkflowCompleted && _pending.TryGetValue(evt.WorkflowInstanceId, out var done))
        {
            done.TrySetResult();
        }
        else if (evt is WorkflowError && _pending.TryGetValue(evt.WorkflowInstanceId, out var failed))
        {
            failed.TrySetException(new InvalidOperationException($"WorkflowCore run {evt.WorkflowInstanceId} failed"));
        }
    }

    /// <summary>Latencies grouped by topological level.</summary>
    private static List<int[]> Levels(Dag dag) =>
        dag.Levels().GroupBy(kv => kv.Value).OrderBy(g => g.Key).Select(g => g.Select(kv => dag.LatencyMs[kv.Key]).ToArray()).ToList();

    private sealed class LevelledWorkflow(string id, List<int[]> levels) : IWorkflow<BenchData>
    {
        public string Id => id;

        public int Version => 1;

        public void Build(IWorkflowBuilder<BenchData> builder)
        {
            var last = builder.StartWith<WorkStep>().Input(s => s.Ms, _ => 0);
            foreach (var level in levels)
            {
                if (level.Length == 1)
                {
                    var ms = level[0];
                    last = last.Then<WorkStep>().Input(s => s.Ms, _ => ms);
                    continue;
                }
                var parallel = last.Parallel();
                foreach (var ms in level)
                {
                    parallel = parallel.Do(branch => branch.StartWith<WorkStep>().Input(s => s.Ms, _ => ms));
                }
                last = parallel.Join().Then<WorkStep>().Input(s => s.Ms, _ => 0);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _host.OnLifeCycleEvent -= OnLifeCycleEvent;
        _host.Stop();
        await _services.DisposeAsync();
    }
}
