using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Workflows.Store;
using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowStudio.Engine.Scheduling;

namespace WorkflowStudio.Engine.Scheduling;

/// <summary>Registers <see cref="IScheduleService"/> and the schedule server (call after <c>AddWorkflowStudioEngine</c>).</summary>
public static class SchedulingServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowStudioScheduling(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddWorkflowStudioWorkflowStore();
        // Built on the engine's JobStorage singleton, never Hangfire's static JobStorage.Current.
        services.TryAddSingleton(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>()));
        services.TryAddSingleton<IRecurringJobManager>(sp => sp.GetRequiredService<RecurringJobManager>());
        services.TryAddSingleton<ScheduleStore>();
        services.TryAddSingleton<ScheduleRunner>();
        services.TryAddSingleton<IScheduleService, ScheduleService>();
        services.AddHostedService<ScheduleJobServer>();
        return services;
    }
}
