namespace WorkflowStudio.Engine.Workflows.Json;

/// <summary>"Did you mean" suggestions by edit distance (case differences count as closest).</summary>
internal static class Suggestions
{
    /// <summary>Up to <paramref name="max"/> candidates close to <paramref name="target"/>, closest first.</summary>
    public static IReadOnlyList<string> Closest(string target, IEnumerable<string> candidates, int max = 3, bool loose = false)
    {
        var limit = loose ? Math.Max(3, target.Length / 2) : Math.Max(2, target.Length / 3);
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Where(c => !string.Equals(c, target, StringComparison.Ordinal))
            .Select(c => (Candidate: c, Score: Score(target, c)))
            .Where(s => s.Score <= limit)
            .OrderBy(s => s.Score)
            .ThenBy(s => s.Candidate, StringComparer.Ordinal)
            .Take(max)
            .Select(s => s.Candidate)
            .ToArray();
    }

    /// <summary><c>; did you mean 'x'?</c> or an empty string.</summary>
    public static string DidYouMean(string target, IEnumerable<string> candidates)
    {
        var closest = Closest(target, candidates, 1);
        return closest.Count == 0 ? string.Empty : $"; did you mean '{closest[0]}'?";
    }

    private static int Score(string target, string candidate)
    {
        if (string.Equals(target, candidate, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }
        var distance = Distance(target.ToUpperInvariant(), candidate.ToUpperInvariant());
        // A name that contains the other ("clickup" in "clickup_api") is nearly as good as a typo.
        var contains = target.Length >= 3 && candidate.Length >= 3
            && (candidate.Contains(target, StringComparison.OrdinalIgnoreCase) || target.Contains(candidate, StringComparison.OrdinalIgnoreCase));
        return contains ? Math.Min(distance, 2) : distance;
    }

    /// <summary>Levenshtein distance with two rows.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
