using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Execution.Events;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Bench;

/// <summary>WorkflowStudio as users run it embedded: SQLite journal, Hangfire job server, in-process simulated tools.</summary>
internal sealed class EngineRunner : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _dataDir;

    private EngineRunner(IHost host, string dataDir)
    {
        _host = host;
        _dataDir = dataDir;
    }

    public static async Task<EngineRunner> StartAsync(int workers)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "wfs-bench", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Studio:DataDir", dataDir), new("Execution:WorkerCount", workers.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IToolSource, SimulatedTools>();
        builder.Services.AddSingleton<ToolRegistry>();
        builder.Services.AddSingleton<IToolCatalog>(sp => sp.GetRequiredService<ToolRegistry>());
        builder.Services.AddSingleton<IToolInvoker>(sp => sp.GetRequiredService<ToolRegistry>());
        builder.Services.AddWorkflowStudioEngine(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new EngineRunner(host, dataDir);
    }

    public sealed record Measurement(TimeSpan Wall, IReadOnlyList<double> DispatchLatencyMs, string Status);

    /// <summary>Runs the DAG and measures wall time (start call → result) and dispatch latency (last dependency finished → node started).</summary>
    public async Task<Measurement> RunAsync(DagShapes.Dag dag, CancellationToken cancellationToken = default)
    {
        var coordinator = _host.Services.GetRequiredService<IRunCoordinator>();
        using var events = _host.Services.GetRequiredService<IRunEventStream>().Subscribe();
        var stopwatch = Stopwatch.StartNew();
        var runId = await coordinator.StartAsync(dag.Workflow, new Dictionary<string, JsonElement>(), cancellationToken: cancellationToken);
        var result = await coordinator.WaitAsync(runId, cancellationToken);
        stopwatch.Stop();
        events.Dispose();
        return new Measurement(stopwatch.Elapsed, DispatchLatencies(dag, runId, events), result.Status);
    }

    /// <summary>Runs many DAGs at once; returns total wall time and every node's dispatch latency.</summary>
    public async Task<Measurement> RunConcurrentAsync(IReadOnlyList<DagShapes.Dag> dags, CancellationToken cancellationToken = default)
    {
        var coordinator = _host.Services.GetRequiredService<IRunCoordinator>();
        using var events = _host.Services.GetRequiredService<IRunEventStream>().Subscribe();
        var stopwatch = Stopwatch.StartNew();
        var runIds = await Task.WhenAll(dags.Select(d => coordinator.StartAsync(d.Workflow, new Dictionary<string, JsonElement>(), cancellationToken: cancellationToken).AsTask()));
        var results = await Task.WhenAll(runIds.Select(id => coordinator.WaitAsync(id, cancellationToken).AsTask()));
        stopwatch.Stop();
        events.Dispose();
        var all = new List<RunEvent>();
        while (events.Events.TryRead(out var e))
        {
            all.Add(e);
        }
        var latencies = runIds.Select((id, i) => Latencies(dags[i], all.Where(e => e.RunId == id))).SelectMany(l => l).ToArray();
        return new Measurement(stopwatch.Elapsed, latencies, results.All(r => r.Status == RunStatus.Success) ? RunStatus.Success : RunStatus.Failed);
    }

    private static List<double> DispatchLatencies(DagShapes.Dag dag, string runId, RunEventSubscription events)
    {
        var all = new List<RunEvent>();
        while (events.Events.TryRead(out var e))
        {
            if (e.RunId == runId)
            {
                all.Add(e);
            }
        }
        return Latencies(dag, all);
    }

    private static List<double> Latencies(DagShapes.Dag dag, IEnumerable<RunEvent> runEvents)
    {
        var list = runEvents.ToList();
        var graph = WorkflowStudio.Engine.Workflows.WorkflowGraph.Build(dag.Workflow);
        var runStart = list.OfType<RunStarted>().Single().At;
        var finished = list.OfType<NodeFinished>().ToDictionary(e => e.Node, e => e.At);
        var latencies = new List<double>();
        foreach (var started in list.OfType<NodeStarted>().Where(e => e.Attempt == 1))
        {
            var deps = graph.DependenciesOf(started.Node);
            var ready = deps.Count == 0 ? runStart : deps.Max(d => finished[d]);
            latencies.Add((started.At - ready).TotalMilliseconds);
        }
        return latencies;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }
}
