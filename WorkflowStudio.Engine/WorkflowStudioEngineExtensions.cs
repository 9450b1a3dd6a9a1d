using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Execution.Events;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine;

/// <summary>The one entry point that wires the engine: storage, tools, execution and synthesis.</summary>
public static class WorkflowStudioEngineExtensions
{
    public static IServiceCollection AddWorkflowStudioEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StudioOptions>().Bind(configuration.GetSection(StudioOptions.SectionName));
        services.AddOptions<ExecutionOptions>().Bind(configuration.GetSection(ExecutionOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddWorkflowStudioPlanning(configuration);

        // Tools: built-ins plus the MCP servers of --mcp-config, else ./mcp.json, else the mcpServers configuration section.
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

        // Persistence: the embedded journal; migrations run before the job server starts.
        services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<StudioOptions>>().Value.DatabasePath));
        services.TryAddSingleton<IRunStore, SqliteRunStore>();
        services.AddHostedService<DatabaseInitializer>();

        // Events, execution, synthesis.
        services.TryAddSingleton<IRunEventStream, RunEventStream>();
        services.TryAddSingleton<RunJournal>();
        services.TryAddSingleton<RunContextCache>();
        services.TryAddSingleton<RunResultBuilder>();
        services.TryAddSingleton<RunFinalizer>();
        services.TryAddSingleton<NodeExecutor>();
        services.TryAddSingleton<ISynthesizer, DeterministicSynthesizer>();
        services.TryAddSingleton<ITemplateCatalog, EmbeddedTemplateCatalog>();
        services.TryAddSingleton<IRunCoordinator, RunCoordinator>();

        // Hangfire on this host's own storage and container: the journal is the durable truth, the queue only dispatches.
        services.TryAddSingleton<JobStorage>(_ => new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromMinutes(10) }));
        services.TryAddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.TryAddSingleton<INodeDispatcher, HangfireNodeDispatcher>();
        services.TryAddSingleton<ServiceProviderJobActivator>();
        if (configuration.GetSection(ExecutionOptions.SectionName).GetValue(nameof(ExecutionOptions.RunWorkers), true))
        {
            services.AddHostedService<NodeJobServer>();
        }
        return services;
    }
}
