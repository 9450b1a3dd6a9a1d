using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Tools.Memory;

namespace WorkflowStudio.Tools.Vectors;

/// <summary>
/// Embeddings for the vector tools: the registered <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> when there is
/// one, else the local lexical embedding <c>lexical-hash-v1</c>: word unigrams and bigrams hashed (FNV-1a) into
/// 512 signed buckets, L2-normalised, so cosine similarity measures shared vocabulary. Deterministic and offline.
/// </summary>
internal sealed class TextEmbedder
{
    public const string LexicalModel = "lexical-hash-v1";
    public const int LexicalDimensions = 512;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator;

    public TextEmbedder(IServiceProvider services) => _generator = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();

    public string Model => _generator is null ? LexicalModel : _generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "embedding-generator";

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (_generator is null)
        {
            return [.. texts.Select(Lexical)];
        }
        var generated = await _generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        return [.. generated.Select(e => Normalise(e.Vector.ToArray()))];
    }

    public static float[] Lexical(string text)
    {
        var vector = new float[LexicalDimensions];
        var tokens = ToolDataStore.Tokens(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            Add(vector, tokens[i], 1f);
            if (i + 1 < tokens.Count)
            {
                Add(vector, tokens[i] + " " + tokens[i + 1], 0.5f);
            }
        }
        return Normalise(vector);
    }

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private static void Add(float[] vector, string feature, float weight)
    {
        var hash = 2166136261u;
        foreach (var c in feature)
        {
            hash = (hash ^ c) * 16777619u;
        }
        vector[hash % LexicalDimensions] += (hash & 0x80000000u) == 0 ? weight : -weight;
    }

    private static float[] Normalise(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(vector[i] / norm);
            }
        }
        return vector;
    }
}
