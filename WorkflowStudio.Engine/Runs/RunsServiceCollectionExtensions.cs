using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowStudio.Engine.Runs.Events;
using WorkflowStudio.Engine.Runs.Store;

namespace WorkflowStudio.Engine.Runs;

/// <summary>The runs' journal in the product's database (call after <c>AddWorkflowStudioPersistence</c>) and the in-process event stream.</summary>
public static class RunsServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowStudioRuns(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<BlobStore>();
        services.TryAddSingleton<RunStore>();
        services.TryAddSingleton<IRunStateStore>(sp => sp.GetRequiredService<RunStore>());
        services.TryAddSingleton<IRunReader>(sp => sp.GetRequiredService<RunStore>());
        services.TryAddSingleton<IRunEventLog>(sp => sp.GetRequiredService<RunStore>());
        services.TryAddSingleton<IRunEventStream, RunEventStream>();
        return services;
    }
}
