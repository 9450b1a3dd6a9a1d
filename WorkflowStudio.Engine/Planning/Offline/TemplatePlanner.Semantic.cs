using System.Globalization;
using WorkflowStudio.Engine.Planning.Ranking;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Planning.Offline;

// The default offline planning (Planning:Retrieval = semantic). Retrieval: the request (without the values it states) is
// embedded and compared with each template's and tool's texts (title, description, tags or name; embedded once and kept),
// together with the BM25 share of its words. Coverage: each ask of the request (its action and object words) must be
// covered by the chosen candidate's vocabulary, by the same word stem or a close embedding; a request whose asks no
// single candidate covers may be covered by a short chain of tools. What stays uncovered keeps a plan weak or, when it
// is most of the request, makes the answer "nothing fits" with the closest candidates and the missing words.
internal sealed partial class TemplatePlanner
{
    /// <summary>Word-to-word cosine from which a catalog word covers an ask ("invoice" covers "bill").</summary>
    private const double AskCovered = 0.6;

    private const int MaxComposedTools = 3;

    private async ValueTask<PlanResult> PlanSemanticAsync(PlanRequest request, RequestValues values, ToolCatalogReader.Snapshot snapshot, CancellationToken cancellationToken)
    {
        var intent = values.Intent();
        var asks = RequestAsks.Of(intent);
        var (assessed, foreign) = await AssessAsync(string.IsNullOrWhiteSpace(intent) ? request.Request : intent, asks, snapshot.Tools, cancellationToken);
        var best = assessed[0];
        var hard = asks.Count(a => !a.Soft);
        if (best.Score < _options.MinScore || (foreign.Count > 0 && foreign.Count * 3 >= hard))
        {
            return Fail(NothingFitsSemantic(request.Request, assessed, foreign), snapshot);
        }
        if (foreign.Count == 0 && best.Uncovered.Count > 0 && Compose(asks, assessed) is { } chain && chain.Score >= best.Score - 0.1)
        {
            var composed = Confidence(chain.Score, "tools", string.Join(" + ", chain.Tools.Select(t => t.FullName)), string.Join(", then ", chain.Tools.Select(t => t.Title ?? t.Name)), chain.Covered, []);
            var plan = await FromToolsAsync(chain.Tools, request, values, $"tools {string.Join(", ", chain.Tools.Select(t => $"'{t.FullName}'"))}, {Why(composed)}", snapshot, cancellationToken);
            return plan.Succeeded ? plan with { Confidence = composed } : plan;
        }
        if (best.Candidate.Template is not null && hard <= 2
            && assessed.FirstOrDefault(a => a.Candidate.Tool is not null && a.Uncovered.Count == 0 && a.Covered.Count > 0 && a.Score >= best.Score - 0.15) is { } tool)
        {
            best = tool; // a short request one tool does in full: that tool, not a template that also does more than was asked
        }
        var confidence = Confidence(best.Score, best.Candidate.Template is null ? "tool" : "template", best.Candidate.Id, best.Candidate.Title, best.Covered, best.Uncovered);
        var result = best.Candidate.Template is { } template
            ? await FromTemplateAsync(template, request, values, $"template '{template.Id}', {Why(confidence)}", snapshot, cancellationToken)
            : await FromToolAsync(best.Candidate.Tool!, request, values, $"tool '{best.Candidate.Tool!.FullName}', {Why(confidence)}", snapshot, cancellationToken);
        return result.Succeeded ? result with { Confidence = confidence } : result;
    }

    /// <summary>
    /// Every template and tool scored against the request, best first (the top ones and every tool with their asks checked),
    /// and the request's asks that nothing in the catalog covers.
    /// </summary>
    private async ValueTask<(IReadOnlyList<Assessment> Assessed, IReadOnlyList<string> Foreign)> AssessAsync(string intent, IReadOnlyList<RequestAsk> asks,
        IReadOnlyList<ToolDescriptor> tools, CancellationToken cancellationToken)
    {
        var candidates = Candidates(tools);
        var lexical = Rank(intent, candidates).ToDictionary(h => h.Item, h => h.Coverage);
        var query = (await _embeddings.RequestAsync([intent], cancellationToken))[0];
        var askVectors = await _embeddings.RequestAsync(asks.Select(a => a.Lower).ToArray(), cancellationToken);
        var retrieved = new List<(Candidate Candidate, double Semantic, double Lexical)>(candidates.Length);
        foreach (var candidate in candidates)
        {
            var chunks = await _embeddings.CatalogAsync(candidate.Chunks, cancellationToken);
            var semantic = chunks.Max(c => EmbeddingCache.Cosine(query, c));
            retrieved.Add((candidate, semantic, lexical.GetValueOrDefault(candidate)));
        }
        var anywhere = new HashSet<int>();
        var assessed = new List<Assessment>(candidates.Length);
        foreach (var (candidate, semantic, lexicalShare) in retrieved)
        {
            var coveredAsks = await CoveredAsync(candidate, asks, askVectors, cancellationToken);
            anywhere.UnionWith(coveredAsks);
            var covered = asks.Where((_, i) => coveredAsks.Contains(i)).Select(a => a.Word).ToArray();
            var uncovered = asks.Where((a, i) => !a.Soft && !coveredAsks.Contains(i)).Select(a => a.Word).ToArray();
            var hard = asks.Count(a => !a.Soft);
            var share = hard == 0 ? (covered.Length > 0 ? 1 : 0.5) : (double)(hard - uncovered.Length) / hard;
            var score = 0.5 * Scale(semantic) + 0.2 * lexicalShare + 0.3 * share;
            assessed.Add(new Assessment(candidate, Math.Round(score, 2), semantic, lexicalShare, covered, uncovered, coveredAsks));
        }
        assessed.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : b.Semantic.CompareTo(a.Semantic));
        var foreign = asks.Where((a, i) => !a.Soft && !anywhere.Contains(i)).Select(a => a.Word).ToArray();
        return (assessed, foreign);
    }

    /// <summary>The asks a candidate covers: the same word stem in its texts, or a word of its vocabulary close in meaning.</summary>
    private async ValueTask<HashSet<int>> CoveredAsync(Candidate candidate, IReadOnlyList<RequestAsk> asks, float[][] askVectors, CancellationToken cancellationToken)
    {
        var covered = new HashSet<int>();
        var vocabulary = await _embeddings.CatalogAsync(candidate.Vocabulary, cancellationToken);
        for (var i = 0; i < asks.Count; i++)
        {
            if (TextTerms.Of(asks[i].Word).Any(candidate.Terms.Contains) || vocabulary.Any(v => EmbeddingCache.Cosine(askVectors[i], v) >= AskCovered))
            {
                covered.Add(i);
            }
        }
        return covered;
    }

    /// <summary>
    /// At most <see cref="MaxComposedTools"/> tools that together cover every ask the best candidate leaves uncovered,
    /// chosen greedily (the tool covering most of what is left, best retrieved first), in the order the request names them.
    /// </summary>
    private Chain? Compose(IReadOnlyList<RequestAsk> asks, IReadOnlyList<Assessment> assessed)
    {
        var hard = Enumerable.Range(0, asks.Count).Where(i => !asks[i].Soft).ToHashSet();
        // A tool joins a chain only when the request is about it (its description retrieves or its words match), not for one shared word.
        var tools = assessed.Where(a => a.Candidate.Tool is not null && a.CoveredAsks.Count > 0 && (Scale(a.Semantic) >= 0.35 || a.Lexical >= 0.3)).ToList();
        // The chain must cover every ask some tool covers, and those must be at least two thirds of the request's asks.
        var left = hard.Where(i => tools.Any(t => t.CoveredAsks.Contains(i))).ToHashSet();
        if (left.Count * 3 < hard.Count * 2)
        {
            return null;
        }
        var chosen = new List<Assessment>();
        while (left.Count > 0 && chosen.Count < MaxComposedTools)
        {
            var next = tools.Where(t => !chosen.Contains(t)).OrderByDescending(t => t.CoveredAsks.Count(left.Contains)).ThenByDescending(t => t.Score).First();
            chosen.Add(next);
            left.ExceptWith(next.CoveredAsks);
        }
        if (left.Count > 0 || chosen.Count < 2)
        {
            return null;
        }
        // Each tool goes where the request names what only it does ("query … and draw a chart": the query first).
        var ordered = chosen.OrderBy(c => c.CoveredAsks.Where(i => hard.Contains(i) && chosen.All(o => o == c || !o.CoveredAsks.Contains(i)))
            .DefaultIfEmpty(c.CoveredAsks.Where(hard.Contains).DefaultIfEmpty(int.MaxValue).Min()).Min()).ToArray();
        var score = Math.Round(ordered.Average(c => 0.45 * Scale(c.Semantic) + 0.2 * c.Lexical) + 0.35, 2);
        var covered = asks.Where((_, i) => ordered.Any(c => c.CoveredAsks.Contains(i))).Select(a => a.Word).ToArray();
        return new Chain(ordered.Select(c => c.Candidate.Tool!).ToArray(), score, covered);
    }

    private string NothingFitsSemantic(string request, IReadOnlyList<Assessment> assessed, IReadOnlyList<string> foreign)
    {
        var closest = assessed.Take(ClosestShown).Select(a => string.Create(CultureInfo.InvariantCulture,
            $"{(a.Candidate.Template is null ? "tool" : "template")} '{a.Candidate.Id}' {a.Score:0.00}{(a.Uncovered.Count > 0 ? $" (does not cover: {string.Join(", ", a.Uncovered)})" : "")}"));
        var missing = foreign;
        var threshold = _options.ConfidentScore.ToString("0.00", CultureInfo.InvariantCulture);
        return $"Nothing fits \"{request}\" well enough for the offline planner (a plan needs {threshold}; closest: {string.Join(", ", closest)})." +
            (missing.Count > 0 ? $" No template or tool here covers: {string.Join(", ", missing)}." : "") +
            " Rephrase with the words of a template or tool (studio tools lists the tools), name a template, or configure a model (Llm:Model) for free-form planning.";
    }

    private PlanConfidence Confidence(double score, string kind, string id, string title, IReadOnlyList<string> matched, IReadOnlyList<string> unmatched) => new()
    {
        Score = score,
        ConfidentScore = _options.ConfidentScore,
        MatchedKind = kind,
        MatchedId = id,
        MatchedTitle = title,
        MatchedWords = matched,
        UnmatchedWords = unmatched,
    };

    private static string Why(PlanConfidence confidence) => string.Create(CultureInfo.InvariantCulture,
        $"score {confidence.Score:0.00}{(confidence.IsWeak ? ", a weak match" : "")} (matched your words: {string.Join(", ", confidence.MatchedWords)}" +
        $"{(confidence.UnmatchedWords.Count > 0 ? $"; not covered: {string.Join(", ", confidence.UnmatchedWords)}" : "")})");

    /// <summary>A sentence embedding's cosine on a 0..1 scale: unrelated texts sit near 0.15, a paraphrase near 0.6.</summary>
    private static double Scale(double cosine) => Math.Clamp((cosine - 0.15) / 0.45, 0, 1);

    private sealed record Assessment(Candidate Candidate, double Score, double Semantic, double Lexical,
        IReadOnlyList<string> Covered, IReadOnlyList<string> Uncovered, IReadOnlySet<int> CoveredAsks);

    private sealed record Chain(IReadOnlyList<ToolDescriptor> Tools, double Score, IReadOnlyList<string> Covered);
}
