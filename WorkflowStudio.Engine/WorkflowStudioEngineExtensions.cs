using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine;

/// <summary>The one entry point that wires the engine: each room's own registration, in the order their defaults need.</summary>
public static class WorkflowStudioEngineExtensions
{
    public static IServiceCollection AddWorkflowStudioEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWorkflowStudioPersistence(configuration);
        services.AddWorkflowStudioPlanning(configuration); // before the deterministic synthesizer's TryAdd, so a model's wins
        services.AddWorkflowStudioRuns();
        AddTools(services, configuration);
        services.AddWorkflowStudioTenancy();
        services.AddWorkflowStudioMetering(configuration);
        services.AddWorkflowStudioTemplates();
        services.AddWorkflowStudioExecution(configuration);
        services.AddRunFrontDoor(); // every start (API, studio, MCP, schedules, follow-ups, CLI) goes through its one starter
        return services;
    }

    /// <summary>Built-ins plus the MCP servers of --mcp-config, else ./mcp.json, else the mcpServers configuration section.</summary>
    private static void AddTools(IServiceCollection services, IConfiguration configuration)
    {
        services.AddWorkflowStudioTools();
        services.AddOptions<McpToolHubOptions>().Configure<IOptions<DataOptions>>((hub, studio) =>
        {
            if (hub.Servers is not null || hub.ConfigFile is not null)
            {
                return;
            }
            var file = studio.Value.McpConfig ?? (File.Exists(DataOptions.DefaultMcpConfigFile) ? DataOptions.DefaultMcpConfigFile : null);
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
}
