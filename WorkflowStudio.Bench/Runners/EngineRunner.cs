using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Bench.Dags;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Bench.Runners;

/// <summary>
/// WorkflowStudio as users run it: the real engine host (journal, Hangfire job server, tools) plus the in-process
/// simulated tool <c>sim/work</c>. Embedded (SQLite) by default; with a connection string it uses PostgreSQL, and with
/// <see cref="EngineHostOptions.RunWorkers"/> false it only submits and watches while separate worker processes execute.
/// </summary>
internal sealed class EngineRunner : IDagRunner, IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _dataDir;

    private EngineRunner(IHost host, string dataDir)
    {
        _host = host;
        _dataDir = dataDir;
    }

    public string Name => "WorkflowStudio";

    public IServiceProvider Services => _host.Services;

    public sealed record EngineHostOptions
    {
        public int Workers { get; init; } = 128;
        public string? PostgresConnection { get; init; }
        public bool RunWorkers { get; init; } = true;
        public string? McpConfigFile { get; init; }

        /// <summary><c>Execution:InProcessSlots</c>; null for the engine's default, 0 to send every node through the job queue.</summary>
        public int? InProcessSlots { get; init; }
    }

    public sealed record Measurement(TimeSpan Wall, IReadOnlyList<double> DispatchLatencyMs, string Status);

    public static async Task<EngineRunner> StartAsync(EngineHostOptions options)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "wfs-bench", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = new Dictionary<string, string?>
        {
            ["Studio:DataDir"] = dataDir,
            ["Execution:WorkerCount"] = options.Workers.ToString(CultureInfo.InvariantCulture),
            ["Execution:RunWorkers"] = options.RunWorkers ? "true" : "false",
            ["Studio:McpConfig"] = options.McpConfigFile,
        };
        if (options.InProcessSlots is { } slots)
        {
            settings["Execution:InProcessSlots"] = slots.ToString(CultureInfo.InvariantCulture);
        }
        if (options.PostgresConnection is not null)
        {
            settings["Studio:Storage"] = "postgres";
            settings["Studio:ConnectionString"] = options.PostgresConnection;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddEnvironmentVariables("WFS_BENCH_"); // e.g. WFS_BENCH_Execution__InProcessSlots=0 for an A/B run
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IToolSource, SimulatedTools>();
        builder.Services.AddWorkflowStudioEngine(builder.Configuration);
        // Wide DAGs of MCP nodes measure the engine and the transport, not the hub's default per-server throttle (16).
        builder.Services.Configure<McpToolHubOptions>(o => o.MaxConcurrentCallsPerServer = 128);
        var host = builder.Build();
        await host.StartAsync();
        return new EngineRunner(host, dataDir);
    }

    async Task IDagRunner.RunAsync(Dag dag, CancellationToken cancellationToken)
    {
        var measurement = await RunAsync(dag, cancellationToken);
        if (measurement.Status != RunStatus.Success)
        {
            throw new InvalidOperationException($"WorkflowStudio run of {dag.Name} ended {measurement.Status}");
        }
    }

    /// <summary>Runs the DAG and measures wall time (start call → result) and dispatch latency (last dependency finished → node started).</summary>
    public async Task<Measurement> RunAsync(Dag dag, CancellationToken cancellationToken = default) =>
        await RunConcurrentAsync([dag], cancellationToken);

    /// <summary>Runs many DAGs at once; returns total wall time and every node's dispatch latency.</summary>
    public async Task<Measurement> RunConcurrentAsync(IReadOnlyList<Dag> dags, CancellationToken cancellationToken = default)
    {
        var coordinator = _host.Services.GetRequiredService<IRunCoordinator>();
        var stopwatch = Stopwatch.StartNew();
        var runIds = await Task.WhenAll(dags.Select(d => coordinator.StartAsync(d.Workflow, new Dictionary<string, JsonElement>(), TenantId.Default, cancellationToken: cancellationToken).AsTask()));
        var results = await Task.WhenAll(runIds.Select(id => coordinator.WaitAsync(id, cancellationToken: cancellationToken).AsTask()));
        stopwatch.Stop();
        var latencies = new List<double>();
        for (var i = 0; i < runIds.Length; i++)
        {
            latencies.AddRange(Latencies(dags[i], await JournaledEventsAsync(runIds[i], cancellationToken)));
        }
        var failed = results.FirstOrDefault(r => r.Status != RunStatus.Success);
        return new Measurement(stopwatch.Elapsed, latencies, failed is null ? RunStatus.Success : Describe(failed));
    }

    /// <summary>A failed run's status with why: the run's error and its first failed node's.</summary>
    private static string Describe(RunResult run)
    {
        var node = run.Results.FirstOrDefault(n => n.Error is not null);
        return $"{run.Status} (run {run.RunId}: {run.Error ?? "no run error"}; {(node is null ? "no node error" : $"node {node.ActionId}: {node.Error}")})";
    }

    /// <summary>The run's events as journaled (every process's, in order), read after the run: the live stream may still be catching up.</summary>
    private async Task<List<RunEvent>> JournaledEventsAsync(string runId, CancellationToken cancellationToken)
    {
        var store = _host.Services.GetRequiredService<IRunEventLog>();
        var events = new List<RunEvent>();
        var after = 0L;
        while (true)
        {
            var page = await store.ReadEventsAsync(after, 1000, runId, cancellationToken);
            events.AddRange(page.Select(e => JsonSerializer.Deserialize(e.Data, EngineJson.Default.RunEvent)!));
            if (page.Count < 1000)
            {
                return events;
            }
            after = page[^1].Seq;
        }
    }

    private static List<double> Latencies(Dag dag, IEnumerable<RunEvent> runEvents)
    {
        var list = runEvents.ToList();
        var runStart = list.OfType<RunStarted>().Single().At;
        var finished = list.OfType<NodeFinished>().ToDictionary(e => e.Node, e => e.At, StringComparer.Ordinal);
        var latencies = new List<double>();
        foreach (var started in list.OfType<NodeStarted>().Where(e => e.Attempt == 1))
        {
            var deps = dag.Graph.DependenciesOf(started.Node);
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
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
