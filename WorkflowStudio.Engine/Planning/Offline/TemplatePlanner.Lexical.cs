using System.Globalization;
using WorkflowStudio.Engine.Planning.Ranking;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Planning.Offline;

// The planner before embeddings (Planning:Retrieval = lexical): BM25 over templates and tools, a candidate fits when the
// IDF-weighted share of the request's terms it contains reaches Planning:MinScore. Kept as the eval's baseline.
internal sealed partial class TemplatePlanner
{
    private async ValueTask<PlanResult> PlanLexicalAsync(PlanRequest request, RequestValues values, ToolCatalogReader.Snapshot snapshot, CancellationToken cancellationToken)
    {
        var intent = values.Intent();
        var hits = Rank(intent, Candidates(snapshot.Tools));
        // One shared word is a coincidence, not a fit, unless the request has only one word to share.
        var needed = Math.Min(2, TextTerms.Of(intent).Distinct().Count());
        var best = hits.FirstOrDefault(h => h.Coverage >= _options.MinScore && h.Matched.Count >= needed);
        if (best is null)
        {
            return Fail(NothingFits(request.Request, hits), snapshot);
        }
        var confidence = ConfidenceOf(best, intent);
        var why = string.Create(CultureInfo.InvariantCulture,
            $"score {confidence.Score:0.00}{(confidence.IsWeak ? ", a weak match" : "")} (matched your words: {string.Join(", ", confidence.MatchedWords)})");
        var plan = best.Item.Template is { } template
            ? await FromTemplateAsync(template, request, values, $"template '{template.Id}', {why}", snapshot, cancellationToken)
            : await FromToolAsync(best.Item.Tool!, request, values, $"tool '{best.Item.Tool!.FullName}', {why}", snapshot, cancellationToken);
        return plan.Succeeded ? plan with { Confidence = confidence } : plan;
    }

    /// <summary>Templates and tools in one index (one IDF), best first.</summary>
    private static IReadOnlyList<RankedDocument<Candidate>> Rank(string request, IReadOnlyList<Candidate> candidates)
    {
        var index = new Bm25Index<Candidate>();
        foreach (var candidate in candidates)
        {
            index.Add(candidate, candidate.TermList);
        }
        return index.Search(TextTerms.Of(request));
    }

    private Candidate[] Candidates(IReadOnlyList<ToolDescriptor> tools) =>
        [.. _templates.Templates.Select(t => new Candidate(t, null)), .. tools.Select(t => new Candidate(null, t))];

    private string NothingFits(string request, IReadOnlyList<RankedDocument<Candidate>> hits)
    {
        static string Describe(RankedDocument<Candidate> h) => string.Create(CultureInfo.InvariantCulture,
            $"{(h.Item.Template is { } t ? $"template '{t.Id}'" : $"tool '{h.Item.Tool!.FullName}'")} {h.Coverage:0.00}");
        var closest = hits.Where(h => h.Item.Template is not null).Take(ClosestShown)
            .Concat(hits.Where(h => h.Item.Tool is not null).Take(ClosestShown))
            .OrderByDescending(h => h.Coverage).Select(Describe).ToArray();
        var near = closest.Length == 0
            ? "no template or tool shares a word with it"
            : $"closest: {string.Join(", ", closest)}";
        var threshold = _options.MinScore.ToString("0.00", CultureInfo.InvariantCulture);
        return $"Nothing fits \"{request}\" well enough for the offline planner (threshold {threshold}; {near}). " +
            "Rephrase with the words of a template or tool (studio tools lists the tools), name a template, or configure a model (Llm:Model) for free-form planning.";
    }

}
