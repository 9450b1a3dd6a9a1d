using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>
/// How ready nodes reach a worker. Embedded: Hangfire.InMemory (the journal is the durable truth; lost queue entries are
/// re-dispatched by the recovery sweep), the journal polled. Production: Hangfire.PostgreSql, its queue and the journal
/// woken through one LISTEN per process (<see cref="PostgresNodeJobQueue"/>, <see cref="PostgresNotificationListener"/>).
/// </summary>
internal static class DispatchServiceCollectionExtensions
{
    public static IServiceCollection AddNodeDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        if (DataOptions.StorageFrom(configuration) == DataOptions.PostgresStorage)
        {
            AddPostgresQueue(services);
        }
        else
        {
            services.TryAddSingleton<IJournalWakeup>(sp => new PollingJournalWakeup(TimeSpan.FromMilliseconds(250), sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<JobStorage>(_ => new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromMinutes(10) }));
        }

        services.TryAddSingleton<WorkerIdentity>();
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

    private static void AddPostgresQueue(IServiceCollection services)
    {
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

    /// <summary>
    /// Where dispatched nodes are held until executed: only in a process that runs the recovery sweep, which refreshes them
    /// (a web-only process hands its nodes to the shared queue and is done with them).
    /// </summary>
    private static DispatchedNodes? HeldFor(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ExecutionOptions>>().Value.RunWorkers ? services.GetRequiredService<DispatchedNodes>() : null;
}
