using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkflowStudio.Engine;

/// <summary>
/// Registers the engine. Temporary minimal version for the web branch: the real one (tools, run store,
/// Hangfire server, coordinator) replaces this file when the engine branches merge.
/// </summary>
public static class WorkflowStudioEngineExtensions
{
    public static IServiceCollection AddWorkflowStudioEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
