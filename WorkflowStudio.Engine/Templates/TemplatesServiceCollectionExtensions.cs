using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkflowStudio.Engine.Templates;

/// <summary>The built-in template gallery (<c>Templates/Builtin/*.json</c>) as the <see cref="ITemplateCatalog"/>, unless one is registered.</summary>
public static class TemplatesServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowStudioTemplates(this IServiceCollection services)
    {
        services.TryAddSingleton<ITemplateCatalog, EmbeddedTemplateCatalog>();
        return services;
    }
}
