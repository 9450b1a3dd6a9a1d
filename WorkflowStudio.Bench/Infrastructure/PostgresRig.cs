using WorkflowStudio.Bench.Runners;

namespace WorkflowStudio.Bench.Infrastructure;

/// <summary>
/// Production mode on one machine: a fresh database on the throwaway cluster, this process as the submitting coordinator
/// (no job server of its own) and N separate <c>studio serve --role worker</c> processes executing the nodes.
/// </summary>
internal sealed class PostgresRig : IAsyncDisposable
{
    private readonly List<WorkerProcess> _workers;

    private PostgresRig(EngineRunner engine, List<WorkerProcess> workers)
    {
        Engine = engine;
        _workers = workers;
    }

    public EngineRunner Engine { get; }

    /// <summary>
    /// Execution:WorkerCount of each worker process: the default (100), so fan-outs are not throttled by the worker count.
    /// Waiting workers no longer LISTEN each (the engine's queue wakes one per job through one LISTEN per process), so
    /// the thread count no longer slows dispatch (see docs/benchmarks.md, section 7).
    /// </summary>
    public const int HangfireWorkersPerProcess = WorkflowStudio.Engine.Execution.ExecutionOptions.DefaultWorkerCount;

    public static async Task<PostgresRig> StartAsync(PostgresCluster cluster, string studioDll, int workerProcesses, CancellationToken cancellationToken)
    {
        var connection = await cluster.CreateDatabaseAsync($"bench{workerProcesses}", cancellationToken);
        // The coordinator first: it applies the migrations the workers then find in place.
        var engine = await EngineRunner.StartAsync(new EngineRunner.EngineHostOptions { PostgresConnection = connection, RunWorkers = false });
        var workers = new List<WorkerProcess>();
        try
        {
            foreach (var _ in Enumerable.Range(0, workerProcesses))
            {
                workers.Add(await WorkerProcess.StartAsync(studioDll, connection, workerCount: HangfireWorkersPerProcess, cancellationToken));
            }
        }
        catch
        {
            await Task.WhenAll(workers.Select(w => w.DisposeAsync().AsTask()));
            await engine.DisposeAsync();
            throw;
        }
        return new PostgresRig(engine, workers);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }
    }
}
