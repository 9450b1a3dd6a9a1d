using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

using WorkflowStudio.Tests.Infrastructure;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Execution;

/// <summary>A real engine host (SQLite journal in a temp folder, Hangfire job server) over the given tool sources.</summary>
internal sealed class EngineFixture : IAsyncDisposable
{
    private readonly IHost _host;

    private readonly bool _ownsDataDir;

    private EngineFixture(IHost host, string dataDir, bool ownsDataDir)
    {
        _host = host;
        DataDir = dataDir;
        _ownsDataDir = ownsDataDir;
    }

    public string DataDir { get; }
    public IServiceProvider Services => _host.Services;
    public IRunCoordinator Coordinator => Services.GetRequiredService<IRunCoordinator>();
    public IRunStateStore Store => Services.GetRequiredService<IRunStateStore>();

    public IRunEventLog EventLog => Services.GetRequiredService<IRunEventLog>();

    public static Task<EngineFixture> StartAsync(params IToolSource[] sources) => StartAsync(new Dictionary<string, string?>(), sources);

    /// <summary>Starts an engine with extra configuration (e.g. <c>Studio:Storage=postgres</c> and a connection string).</summary>
    public static Task<EngineFixture> StartAsync(IReadOnlyDictionary<string, string?> configuration, params IToolSource[] sources) =>
        StartAsync(configuration, _ => { }, sources);

    /// <summary>
    /// Starts an engine with extra configuration and services (registered before the engine's, so they win its TryAdds).
    /// A <c>Studio:DataDir</c> given in <paramref name="configuration"/> is shared (a second engine on the same SQLite file,
    /// as a restarted process) and left in place on dispose.
    /// </summary>
    public static async Task<EngineFixture> StartAsync(
        IReadOnlyDictionary<string, string?> configuration, Action<IServiceCollection> services, params IToolSource[] sources)
    {
        var shared = configuration.GetValueOrDefault("Studio:DataDir");
        var dataDir = shared ?? Path.Combine(Path.GetTempPath(), "wfs-tests", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Studio:DataDir", dataDir), new("Execution:WorkerCount", "32")]);
        builder.Configuration.AddInMemoryCollection(configuration);
        services(builder.Services);
        foreach (var source in sources)
        {
            builder.Services.AddSingleton(source);
        }
        builder.Services.AddSingleton<ToolRegistry>();
        builder.Services.AddSingleton<IToolCatalog>(sp => sp.GetRequiredService<ToolRegistry>());
        builder.Services.AddSingleton<IToolInvoker>(sp => sp.GetRequiredService<ToolRegistry>());
        builder.Services.AddWorkflowStudioEngine(builder.Configuration);
        builder.Services.AddBuiltinTools();
        var host = builder.Build();
        await host.StartAsync();
        return new EngineFixture(host, dataDir, shared is null);
    }

    /// <summary>Starts an engine on a fresh database of the test PostgreSQL cluster (named after <paramref name="prefix"/>), with 8 workers.</summary>
    public static async Task<EngineFixture> StartOnPostgresAsync(
        PostgresServer server, string prefix, IReadOnlyDictionary<string, string?> configuration, Action<IServiceCollection> services, params IToolSource[] sources) =>
        await StartAsync(
            new Dictionary<string, string?>(configuration)
            {
                ["Studio:Storage"] = "postgres",
                ["ConnectionStrings:Studio"] = await server.CreateDatabaseAsync(prefix),
                ["Execution:WorkerCount"] = "8",
            },
            services, sources);

    public async Task<RunResult> RunAsync(WorkflowDefinition workflow, IReadOnlyDictionary<string, JsonElement>? inputs = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var runId = await Coordinator.StartAsync(workflow, inputs ?? new Dictionary<string, JsonElement>(), TenantId.Default, cancellationToken: timeout.Token);
        return await Coordinator.WaitAsync(runId, cancellationToken: timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (_ownsDataDir && Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }
}
