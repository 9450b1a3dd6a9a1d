using Microsoft.Extensions.AI;

namespace WorkflowStudio.Engine.Understanding;

/// <summary>
/// The name stored beside a vector, <c>provider/model</c> (e.g. <c>local/all-MiniLM-L6-v2</c>): vectors of two models
/// are not comparable, so a store re-embeds rows whose id differs from its generator's.
/// </summary>
internal static class EmbeddingModelId
{
    public static string Of(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var provider = metadata?.ProviderName is { Length: > 0 } name ? name : generator.GetType().Name;
        var model = metadata?.DefaultModelId is { Length: > 0 } id ? id : "default";
        return $"{provider.ToLowerInvariant()}/{model}";
    }
}
