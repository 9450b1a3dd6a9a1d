using WorkflowStudio.Engine.Workflows.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkflowStudio.Engine.Application;

/// <summary>The application services on top of the engine: the tenant-scoped front door to runs and what it uses.</summary>
public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// <c>RunFrontDoor</c> (<c>For(tenant)</c> gives a <c>TenantRuns</c>), the one run starter, the workflow resolver and
    /// the journal follower. Part of <c>AddWorkflowStudioEngine</c>: schedules, follow-ups and the CLI start runs through it too.
    /// </summary>
    public static IServiceCollection AddRunFrontDoor(this IServiceCollection services)
    {
        services.AddWorkflowStudioWorkflowStore(); // saved workflows: what runs start from, found through the same door
        services.TryAddSingleton<RunStarter>();
        services.TryAddSingleton<WorkflowResolver>();
        services.TryAddSingleton<RunEventFollower>();
        services.TryAddSingleton<RunFrontDoorServices>();
        services.TryAddSingleton<RunFrontDoor>();
        return services;
    }
}
