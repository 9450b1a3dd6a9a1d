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
    /// Execution:WorkerCount of each worker process. Not the default 100: Hangfire.PostgreSql's long polling LISTENs on every
    /// worker thread and wakes all of them per enqueued job (Hangfire.PostgreSql #302), so dispatch latency grows with the
    /// thread count (see docs/benchmarks.md). 16 per process keeps the herd small while fan-outs still run 16 (32) at once.
    /// </summary>
    public const int HangfireWorkersPerProcess = 16;

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
