using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace WorkflowStudio.Engine.Understanding;

/// <summary>
/// Scales a remote model's vectors to unit length (OpenAI's already are, Ollama's models need not be), so every
/// generator the engine hands out gives vectors whose dot product is the cosine.
/// </summary>
internal sealed class NormalizingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var generated = await base.GenerateAsync(values, options, cancellationToken);
        for (var i = 0; i < generated.Count; i++)
        {
            var embedding = generated[i];
            generated[i] = new Embedding<float>(Normalized(embedding.Vector.Span))
            {
                ModelId = embedding.ModelId, CreatedAt = embedding.CreatedAt, AdditionalProperties = embedding.AdditionalProperties,
            };
        }
        return generated;
    }

    internal static float[] Normalized(ReadOnlySpan<float> vector)
    {
        var copy = vector.ToArray();
        var norm = TensorPrimitives.Norm(copy);
        if (norm > 0 && !float.IsNaN(norm))
        {
            TensorPrimitives.Divide(copy, norm, copy);
        }
        return copy;
    }
}
