namespace WorkflowStudio.Engine.Workflows.Json;

/// <summary>"Did you mean" suggestions by edit distance (case differences count as closest).</summary>
internal static class Suggestions
{
    /// <summary>Up to <paramref name="max"/> candidates close to <paramref name="target"/>, closest first.</summary>
    public static IReadOnlyList<string> Closest(string target, IEnumerable<string> candidates, int max = 3, bool loose = false)
    {
        var limit = loose ? Math.Max(3, target.Length / 2)
            : target.Length <= 2 ? 0 // any one-letter name is "one edit" from 'a': only case differences count
            : target.Length <= 5 ? 1
            : Math.Max(2, target.Length / 3);
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

    /// <summary>Edit distance counting insertions, deletions, substitutions and adjacent swaps (optimal string alignment).</summary>
    public static int Distance(string a, string b)
    {
        var rows = new int[3][];
        for (var r = 0; r < 3; r++)
        {
            rows[r] = new int[b.Length + 1];
        }
        for (var j = 0; j <= b.Length; j++)
        {
            rows[1][j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            // row(i) lives in rows[(i + 1) % 3]
            var (beforePrevious, previous, current) = (rows[(i + 2) % 3], rows[i % 3], rows[(i + 1) % 3]);
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }
            }
        }
        return rows[(a.Length + 1) % 3][b.Length];
    }
}
