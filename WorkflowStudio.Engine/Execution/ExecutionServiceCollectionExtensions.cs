using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowStudio.Engine.Execution.CrashPoints;
using WorkflowStudio.Engine.Execution.Dispatch;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// Runs workflows: the coordinator, node executor, completion, re-planning, closing and the dispatch of ready nodes
/// (call after the persistence, runs, planning and tools registrations, whose services it uses).
/// </summary>
public static class ExecutionServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowStudioExecution(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ExecutionOptions>().Bind(configuration.GetSection(ExecutionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddCrashPoints(configuration); // a no-op unless a test arms it
        services.TryAddSingleton<EngineTelemetry>();
        services.TryAddSingleton<RunJournal>();
        services.TryAddSingleton<RunContextCache>();
        services.TryAddSingleton<RunResultBuilder>();
        services.TryAddSingleton<RunFinalizer>();
        services.TryAddSingleton<NodeCompleter>();
        services.TryAddSingleton<RunReviser>();
        services.TryAddSingleton<RunCloser>();
        services.TryAddSingleton<ToolResultCache>();
        services.TryAddSingleton<NodeExecutor>();
        services.TryAddSingleton<ISynthesizer, DeterministicSynthesizer>();
        services.TryAddSingleton<IRunCoordinator, RunCoordinator>();
        services.AddNodeDispatch(configuration);
        return services;
    }
}
