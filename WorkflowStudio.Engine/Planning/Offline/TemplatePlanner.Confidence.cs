using System.Text.RegularExpressions;
using WorkflowStudio.Engine.Planning.Ranking;

namespace WorkflowStudio.Engine.Planning.Offline;

// What the offline planner knows about its choice, said in the user's words: the ranker matches stemmed terms
// ("analyz", "executiv"), so each word of the request is turned into its terms again and kept as written.
internal sealed partial class TemplatePlanner
{
    private PlanConfidence ConfidenceOf(RankedDocument<Candidate> hit, string intent)
    {
        var matched = hit.Matched.ToHashSet(StringComparer.Ordinal);
        var shared = new List<string>();
        var missing = new List<string>();
        foreach (var word in Words().Matches(intent).Select(m => m.Value))
        {
            var terms = TextTerms.Of(word);
            if (terms.Count == 0)
            {
                continue; // a stop word
            }
            var shares = terms.Any(matched.Contains);
            if (!shares && word.Any(char.IsDigit))
            {
                continue; // an id or a value (INV-77, a run id): it fills inputs, it is not a word the plan lacks
            }
            var list = shares ? shared : missing;
            if (!list.Contains(word, StringComparer.OrdinalIgnoreCase))
            {
                list.Add(word);
            }
        }
        return new PlanConfidence
        {
            Score = Math.Round(hit.Coverage, 2),
            ConfidentScore = _options.ConfidentScore,
            MatchedKind = hit.Item.Template is null ? "tool" : "template",
            MatchedId = hit.Item.Template?.Id ?? hit.Item.Tool!.FullName,
            MatchedTitle = hit.Item.Template?.Title ?? hit.Item.Tool!.FullName,
            MatchedWords = shared,
            UnmatchedWords = missing,
        };
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'_-]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Words();
}
