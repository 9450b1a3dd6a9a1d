namespace WorkflowStudio.Engine.Planning.Ranking;

/// <summary>
/// Okapi BM25 over a small in-memory corpus (templates and tools), plus a normalised <see cref="RankedDocument.Coverage"/>:
/// the IDF-weighted share of the query's distinct terms that a document contains (0..1), which thresholds well whatever
/// the corpus size. Built per planning call; a few thousand short documents index in well under a millisecond each.
/// </summary>
internal sealed class Bm25Index<T>
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly List<(T Item, Dictionary<string, int> Terms, int Length)> _documents = [];
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private double _totalLength;

    public int Count => _documents.Count;

    public void Add(T item, IEnumerable<string> terms)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var length = 0;
        foreach (var term in terms)
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
            length++;
        }
        foreach (var term in counts.Keys)
        {
            _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
        }
        _documents.Add((item, counts, length));
        _totalLength += length;
    }

    /// <summary>Documents with at least one query term, best first (BM25, then coverage, then insertion order).</summary>
    public IReadOnlyList<RankedDocument<T>> Search(IReadOnlyCollection<string> queryTerms)
    {
        var distinct = queryTerms.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 0 || _documents.Count == 0)
        {
            return [];
        }
        var averageLength = Math.Max(1, _totalLength / _documents.Count);
        var idf = distinct.ToDictionary(t => t, Idf, StringComparer.Ordinal);
        var totalWeight = idf.Values.Sum();
        var results = new List<RankedDocument<T>>();
        for (var i = 0; i < _documents.Count; i++)
        {
            var (item, terms, length) = _documents[i];
            double score = 0, covered = 0;
            var matched = new List<string>();
            foreach (var term in distinct)
            {
                if (!terms.TryGetValue(term, out var frequency))
                {
                    continue;
                }
                var weight = idf[term];
                score += weight * frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length / averageLength));
                covered += weight;
                matched.Add(term);
            }
            if (matched.Count > 0)
            {
                results.Add(new RankedDocument<T>(item, score, totalWeight > 0 ? covered / totalWeight : 0, matched, i));
            }
        }
        results.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score)
            : b.Coverage != a.Coverage ? b.Coverage.CompareTo(a.Coverage) : a.Order.CompareTo(b.Order));
        return results;
    }

    /// <summary>
    /// BM25+ style IDF, always positive. A term no document has (the request asks for something unknown) weighs as much
    /// as the rarest known term, so that coverage does not swing with the size of the corpus.
    /// </summary>
    private double Idf(string term)
    {
        var n = Math.Max(1, _documentFrequency.GetValueOrDefault(term));
        return Math.Log(1 + (_documents.Count - n + 0.5) / (n + 0.5));
    }
}

/// <summary>One search hit: BM25 <see cref="Score"/>, the weighted share of query terms matched, and which terms.</summary>
internal sealed record RankedDocument<T>(T Item, double Score, double Coverage, IReadOnlyList<string> Matched, int Order);
