using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace WorkflowStudio.Engine.Planning.Ranking;

/// <summary>
/// Embeddings of texts, computed once and kept: the catalog's texts (template and tool descriptions, their words) are
/// embedded the first time a plan needs them, never per request. Texts from requests are kept in a second, bounded
/// cache, cleared when it fills, so a stream of different requests cannot grow memory without limit.
/// </summary>
internal sealed class EmbeddingCache
{
    private const int MaxRequestTexts = 20_000;

    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly ConcurrentDictionary<string, float[]> _catalog = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, float[]> _requests = new(StringComparer.Ordinal);

    public EmbeddingCache(IEmbeddingGenerator<string, Embedding<float>> generator) => _generator = generator;

    /// <summary>How many catalog texts have been embedded (they are never embedded twice).</summary>
    public int CatalogCount => _catalog.Count;

    public ValueTask<float[][]> CatalogAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        EmbedAsync(_catalog, texts, cancellationToken);

    public ValueTask<float[][]> RequestAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (_requests.Count > MaxRequestTexts)
        {
            _requests.Clear();
        }
        return EmbedAsync(_requests, texts, cancellationToken);
    }

    /// <summary>Cosine similarity (-1..1).</summary>
    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private async ValueTask<float[][]> EmbedAsync(ConcurrentDictionary<string, float[]> cache, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var result = new float[texts.Count][];
        var missing = new List<string>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (cache.TryGetValue(texts[i], out var vector))
            {
                result[i] = vector;
            }
            else if (!missing.Contains(texts[i], StringComparer.Ordinal))
            {
                missing.Add(texts[i]);
            }
        }
        if (missing.Count == 0)
        {
            return result;
        }
        var generated = await _generator.GenerateAsync(missing, cancellationToken: cancellationToken);
        if (generated.Count != missing.Count)
        {
            throw new InvalidOperationException($"The embedding model returned {generated.Count} embeddings for {missing.Count} texts.");
        }
        var fresh = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < missing.Count; i++)
        {
            fresh[missing[i]] = generated[i].Vector.ToArray();
            cache.TryAdd(missing[i], fresh[missing[i]]);
        }
        for (var i = 0; i < texts.Count; i++)
        {
            result[i] ??= fresh[texts[i]];
        }
        return result;
    }
}
