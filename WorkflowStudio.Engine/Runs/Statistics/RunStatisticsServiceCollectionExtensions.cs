using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowStudio.Engine.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowStudio.Engine.Runs.Statistics;

/// <summary>Registers <see cref="IRunStatistics"/> on the engine's database (call after <c>AddWorkflowStudioEngine</c>).</summary>
public static class RunStatisticsServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowStudioRunStatistics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IRunStatistics, RunStatistics>();
        return services;
    }
}
