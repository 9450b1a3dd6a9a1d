using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Execution.CrashPoints;
using WorkflowStudio.Engine.Execution.Events;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine;

/// <summary>The one entry point that wires the engine: storage, tools, execution and synthesis.</summary>
public static class WorkflowStudioEngineExtensions
{
    public static IServiceCollection AddWorkflowStudioEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StudioOptions>().Bind(configuration.GetSection(StudioOptions.SectionName))
            .Configure(o => o.ConnectionString ??= configuration.GetConnectionString(StudioOptions.ConnectionStringName))
            .Validate(o => o.Storage is StudioOptions.SqliteStorage or StudioOptions.PostgresStorage,
                "Studio:Storage (--storage) must be 'sqlite' or 'postgres'.")
            .Validate(o => o.Storage != StudioOptions.PostgresStorage || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "--storage postgres needs a connection string: --connection \"Host=...;Database=...;Username=...;Password=...\" or ConnectionStrings__Studio.")
            .ValidateOnStart();
        services.AddOptions<ExecutionOptions>().Bind(configuration.GetSection(ExecutionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddWorkflowStudioPlanning(configuration); // before the deterministic synthesizer's TryAdd, so a model's wins

        AddStorage(services, StudioOptions.StorageFrom(configuration)); // before the tools, whose data lives in the same database
        AddTools(services, configuration);
        services.AddWorkflowStudioTenancy(configuration); // tenants, keys, audit, idempotency, usage ledger (same database)

        // Events, execution, synthesis.
        services.AddCrashPoints(configuration); // a no-op unless a test arms it
        services.TryAddSingleton<WorkerIdentity>();
        services.TryAddSingleton<EngineTelemetry>();
        services.TryAddSingleton<IRunEventStream, RunEventStream>();
        services.TryAddSingleton<RunJournal>();
        services.TryAddSingleton<RunContextCache>();
        services.TryAddSingleton<RunResultBuilder>();
        services.TryAddSingleton<RunFinalizer>();
        services.TryAddSingleton<NodeCompleter>();
        services.TryAddSingleton<RunReviser>();
        services.TryAddSingleton<RunCloser>();
        services.TryAddSingleton<NodeExecutor>();
        services.TryAddSingleton<ISynthesizer, DeterministicSynthesizer>();
        services.TryAddSingleton<ITemplateCatalog, EmbeddedTemplateCatalog>();
        services.TryAddSingleton<IRunCoordinator, RunCoordinator>();
        services.AddRunFrontDoor(); // every start (API, studio, MCP, schedules, follow-ups, CLI) goes through its one starter
        services.TryAddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.TryAddSingleton<DispatchedNodes>();
        services.TryAddSingleton(sp => new HangfireNodeDispatcher(
            sp.GetRequiredService<IBackgroundJobClient>(), 1, sp.GetRequiredService<ILogger<HangfireNodeDispatcher>>(), HeldFor(sp)));
        services.TryAddSingleton<ServiceProviderJobActivator>();
        services.AddHostedService<JournalTailer>();
        services.AddHostedService<RunEventsWatcher>();
        var execution = configuration.GetSection(ExecutionOptions.SectionName);
        var inProcessSlots = execution.GetValue(nameof(ExecutionOptions.InProcessSlots), ExecutionOptions.DefaultInProcessSlots);
        if (execution.GetValue(nameof(ExecutionOptions.RunWorkers), true))
        {
            services.AddHostedService<NodeJobServer>();
            services.AddHostedService<NodeRecoveryService>();
            if (inProcessSlots > 0)
            {
                services.TryAddSingleton(sp => new LocalFirstNodeDispatcher(
                    sp.GetRequiredService<HangfireNodeDispatcher>(), sp, inProcessSlots, queueIsShared: sp.GetRequiredService<JobStorage>() is not InMemoryStorage,
                    sp.GetRequiredService<DispatchedNodes>(), sp.GetRequiredService<ILogger<LocalFirstNodeDispatcher>>()));
                services.TryAddSingleton<INodeDispatcher>(sp => sp.GetRequiredService<LocalFirstNodeDispatcher>());
                // Registered after the job server, so it stops first: the nodes running here end before Hangfire's workers do.
                services.AddHostedService(sp => sp.GetRequiredService<LocalFirstNodeDispatcher>());
            }
        }
        services.TryAddSingleton<INodeDispatcher>(sp => sp.GetRequiredService<HangfireNodeDispatcher>());
        return services;
    }

    /// <summary>
    /// Where dispatched nodes are held until executed: only in a process that runs the recovery sweep, which refreshes them
    /// (a web-only process hands its nodes to the shared queue and is done with them).
    /// </summary>
    private static DispatchedNodes? HeldFor(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ExecutionOptions>>().Value.RunWorkers ? services.GetRequiredService<DispatchedNodes>() : null;

    /// <summary>Built-ins plus the MCP servers of --mcp-config, else ./mcp.json, else the mcpServers configuration section.</summary>
    private static void AddTools(IServiceCollection services, IConfiguration configuration)
    {
        services.AddWorkflowStudioTools();
        services.AddOptions<McpToolHubOptions>().Configure<IOptions<StudioOptions>>((hub, studio) =>
        {
            if (hub.Servers is not null || hub.ConfigFile is not null)
            {
                return;
            }
            var file = studio.Value.McpConfig ?? (File.Exists(StudioOptions.DefaultMcpConfigFile) ? StudioOptions.DefaultMcpConfigFile : null);
            if (file is not null)
            {
                hub.ConfigFile = Path.GetFullPath(file);
            }
            else
            {
                hub.Configuration = configuration;
            }
        });
    }

    /// <summary>
    /// The journal and Hangfire's queue. Embedded: SQLite + Hangfire.InMemory (the journal is the durable truth; lost
    /// queue entries are re-dispatched by the recovery sweep). Production: PostgreSQL + Hangfire.PostgreSql, its queue woken through one LISTEN per process (PostgresNodeJobQueue).
    /// </summary>
    private static void AddStorage(IServiceCollection services, string storage)
    {
        services.TryAddSingleton<BlobStore>();
        services.TryAddSingleton<IRunStore, RunStore>();
        services.AddHostedService<DatabaseInitializer>();
        if (storage == StudioOptions.PostgresStorage)
        {
            services.TryAddSingleton(sp => new PostgresDatabase(sp.GetRequiredService<IOptions<StudioOptions>>().Value.ConnectionString!, sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<IStudioDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
            services.TryAddSingleton<PostgresNotificationListener>();
            services.TryAddSingleton<IJournalWakeup, PostgresJournalWakeup>();
            services.TryAddSingleton(_ => new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                EnableLongPolling = false, // a LISTEN per worker thread, all woken per job (#302); PostgresNodeJobQueue wakes one
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
                DistributedLockTimeout = TimeSpan.FromSeconds(30),
            });
            services.TryAddSingleton(sp =>
            {
                var options = sp.GetRequiredService<PostgreSqlStorageOptions>();
                var connectionString = sp.GetRequiredService<PostgresDatabase>().ConnectionString;
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
            });
            services.TryAddSingleton(sp =>
            {
                var storage = sp.GetRequiredService<PostgreSqlStorage>();
                var options = sp.GetRequiredService<PostgreSqlStorageOptions>();
                var execution = sp.GetRequiredService<IOptions<ExecutionOptions>>().Value;
                var queue = new PostgresNodeJobQueue(
                    storage, options, sp.GetRequiredService<PostgresDatabase>().ConnectionString, sp.GetRequiredService<PostgresNotificationListener>(),
                    sp.GetRequiredService<TimeProvider>(), execution.QueuePoll, execution.WorkerCount);
                return new PostgresNodeJobQueueProvider(queue, storage, options);
            });
            services.TryAddSingleton(sp => new HangfireNodeDispatcher(
                sp.GetRequiredService<IBackgroundJobClient>(), HangfireNodeDispatcher.DatabaseParallelism, sp.GetRequiredService<ILogger<HangfireNodeDispatcher>>(),
                HeldFor(sp)));
            services.TryAddSingleton<JobStorage>(sp =>
            {
                sp.GetRequiredService<PostgresNodeJobQueueProvider>(); // plugs the node job queue into the storage
                return sp.GetRequiredService<PostgreSqlStorage>();
            });
        }
        else
        {
            services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<StudioOptions>>().Value.DatabasePath));
            services.TryAddSingleton<IStudioDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
            services.TryAddSingleton<IJournalWakeup>(sp => new PollingJournalWakeup(TimeSpan.FromMilliseconds(250), sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<JobStorage>(_ => new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromMinutes(10) }));
        }
    }
}
