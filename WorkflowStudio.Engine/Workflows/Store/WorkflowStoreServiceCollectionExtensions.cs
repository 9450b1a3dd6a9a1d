using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Workflows.Store;

/// <summary>Registers <see cref="IWorkflowStore"/> on the engine's embedded database (call after <c>AddWorkflowStudioEngine</c>).</summary>
public static class WorkflowStoreServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowStudioWorkflowStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWorkflowStore, WorkflowStore>();
        services.TryAddSingleton<Hooks.IWebhookStore, Hooks.WebhookStore>(); // the webhook triggers of saved workflows
        return services;
    }
}
