using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WorkflowStudio.Engine.Understanding;

/// <summary>
/// The text embedding model as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>: the local all-MiniLM-L6-v2 by
/// default, a remote OpenAI-compatible model by <c>Embeddings:Provider</c>. A generator the host registers wins.
/// </summary>
public static class UnderstandingServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowStudioUnderstanding(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmbeddingOptions>().Bind(configuration.GetSection(EmbeddingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmbeddingOptions>>();
            return options.Value.IsLocal
                ? ActivatorUtilities.CreateInstance<LocalEmbeddingGenerator>(sp)
                : RemoteEmbeddingGeneratorFactory.Create(options.Value);
        });
        return services;
    }
}
