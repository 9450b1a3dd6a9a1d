using Microsoft.Extensions.AI;
using WorkflowStudio.Engine.Understanding;
using WorkflowStudio.Tools.Memory;

namespace WorkflowStudio.Tools.Vectors;

/// <summary>
/// Embeddings for the vector tools, from the registered <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (by default
/// the local all-MiniLM-L6-v2, docs/embeddings.md); <see cref="Model"/> is the id stored beside each vector. Also keeps
/// the lexical scheme <c>lexical-hash-v1</c> that earlier versions stored (word unigrams and bigrams hashed, FNV-1a,
/// into 512 signed buckets, L2-normalised): rows with that id are re-embedded, and it is the baseline of the eval and bench.
/// </summary>
internal sealed class TextEmbedder
{
    public const string LexicalModel = "lexical-hash-v1";
    public const int LexicalDimensions = 512;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;

    public TextEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        _generator = generator;
        Model = EmbeddingModelId.Of(generator);
    }

    /// <summary><c>provider/model</c>, e.g. <c>local/all-MiniLM-L6-v2</c>.</summary>
    public string Model { get; }

    /// <summary>Unit-length vectors, one per text, in order.</summary>
    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (texts.Count == 0)
        {
            return [];
        }
        var generated = await _generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        if (generated.Count != texts.Count)
        {
            throw new InvalidOperationException($"The embedding model '{Model}' returned {generated.Count} vectors for {texts.Count} texts.");
        }
        return [.. generated.Select(e => NormalizingEmbeddingGenerator.Normalized(e.Vector.Span))];
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
        return NormalizingEmbeddingGenerator.Normalized(vector);
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
}
