using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Planning.Llm;
using WorkflowStudio.Engine.Planning.Offline;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Understanding;

namespace WorkflowStudio.Engine.Planning;

/// <summary>
/// Planning, re-planning, synthesis, plan estimates and token metering. With <c>Llm:Model</c> configured (or an
/// <see cref="IChatClient"/> registered by the host), the model plans and sums up; otherwise the offline
/// <c>TemplatePlanner</c> and the deterministic synthesizer do, and every feature keeps working.
/// </summary>
public static class PlanningServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowStudioPlanning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());
        services.AddOptions<PlanningOptions>().Bind(configuration.GetSection(PlanningOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddWorkflowStudioUnderstanding(configuration); // the embedding model the offline planner retrieves with

        services.TryAddSingleton<IModelPriceTable, ModelPriceTable>();
        services.TryAddSingleton<IUsageRecorder, UsageRecorder>();
        services.TryAddSingleton<IToolLatencyHistory, ToolLatencyHistory>();
        services.TryAddSingleton<IWorkflowPricing, WorkflowPricing>();
        services.TryAddSingleton<IPlanEstimator, PlanEstimator>();
        services.TryAddSingleton<TemplatePlanner>();

        if (configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() is { IsConfigured: true })
        {
            services.TryAddSingleton<IChatClient>(sp => ChatClientFactory.Create(sp.GetRequiredService<IOptions<LlmOptions>>().Value));
        }
        services.TryAddSingleton(sp => new ModelCaller(
            sp.GetService<IChatClient>() ?? throw new InvalidOperationException("No model is configured: set Llm:Model (Llm__Model)."),
            sp.GetRequiredService<IUsageRecorder>(), sp.GetRequiredService<IOptions<LlmOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ModelCaller>>()));
        services.TryAddSingleton<IToolSampler, Sampling.ChatClientToolSampler>();
        services.TryAddSingleton<LlmPlanner>();
        services.TryAddSingleton<LlmSynthesizer>();

        services.TryAddSingleton<IWorkflowPlanner>(sp => HasModel(sp) ? sp.GetRequiredService<LlmPlanner>() : sp.GetRequiredService<TemplatePlanner>());
        services.TryAddSingleton<IWorkflowReplanner>(sp => HasModel(sp) ? sp.GetRequiredService<LlmPlanner>() : sp.GetRequiredService<TemplatePlanner>());
        services.TryAddSingleton<ISynthesizer>(sp => HasModel(sp) ? sp.GetRequiredService<LlmSynthesizer>() : new DeterministicSynthesizer());
        return services;
    }

    private static bool HasModel(IServiceProvider services) => services.GetService<IChatClient>() is not null;
}
