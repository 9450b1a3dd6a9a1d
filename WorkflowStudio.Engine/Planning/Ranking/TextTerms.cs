using System.Text;

namespace WorkflowStudio.Engine.Planning.Ranking;

/// <summary>
/// Turns text into comparable terms: splits words, snake_case, kebab-case and camelCase, lower-cases, drops stop words,
/// strips common English suffixes and maps a few synonyms (mail → email, analyse → analyze), so that a request's
/// words meet the words of tool names and descriptions.
/// </summary>
internal static class TextTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from", "get", "give", "go", "i", "in", "into",
        "is", "it", "its", "me", "my", "of", "on", "or", "our", "please", "so", "some", "that", "the", "their", "them",
        "then", "this", "to", "up", "us", "we", "what", "when", "which", "with", "you", "your", "all", "also", "each", "new",
        "make", "let", "want", "need", "would", "could", "should", "will", "about", "after", "before", "via", "using", "use",
        "one", "two", "three", "any", "generate", "produce", "may", "back", "there", "here", "these", "those", "every", "out", "over", "just", "now", "way", "like", "tool", "tools", "workflow",
    };

    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["mail"] = "email", ["e-mail"] = "email", ["emails"] = "email", ["analyse"] = "analyze", ["analysis"] = "analyze",
        ["analytic"] = "analyze", ["analytics"] = "analyze", ["summarise"] = "summarize", ["summary"] = "summarize",
        ["graph"] = "chart", ["plot"] = "chart", ["visualize"] = "chart", ["visualization"] = "chart", ["visualisation"] = "chart",
        ["pdf"] = "report", ["document"] = "report", ["doc"] = "report", ["dashboard"] = "report",
        ["telegram"] = "telegram", ["chat"] = "chat", ["message"] = "message", ["msg"] = "message", ["notify"] = "message",
        ["todo"] = "task", ["ticket"] = "task", ["issue"] = "task", ["sleep"] = "delay", ["wait"] = "delay", ["pause"] = "delay",
        ["refund"] = "refund", ["reimburse"] = "refund", ["complaint"] = "complain", ["sql"] = "database", ["db"] = "database",
        ["remember"] = "memory", ["recall"] = "memory", ["store"] = "save", ["write"] = "save", ["fetch"] = "download",
        ["http"] = "web", ["url"] = "web", ["website"] = "web", ["blog"] = "content", ["article"] = "content",
        ["post"] = "content", ["newsletter"] = "content", ["sum"] = "add", ["plus"] = "add", ["repeat"] = "echo",
        ["research"] = "research", ["revenue"] = "sale", ["quarter"] = "period", ["q1"] = "period", ["q2"] = "period",
        ["q3"] = "period", ["q4"] = "period", ["sentiment"] = "sentiment", ["mood"] = "sentiment", ["reply"] = "respond",
        ["response"] = "respond", ["answer"] = "respond", ["schedule"] = "schedule", ["remind"] = "schedule", ["reminder"] = "schedule",
        ["followup"] = "schedule", ["embedding"] = "vector", ["semantic"] = "vector", ["similar"] = "vector",
    };

    public static List<string> Of(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return terms;
        }
        foreach (var word in Words(text))
        {
            var lower = word.ToLowerInvariant();
            if (lower.Length < 2 && !char.IsDigit(lower[0]))
            {
                continue;
            }
            if (StopWords.Contains(lower))
            {
                continue;
            }
            var term = Stem(Synonyms.GetValueOrDefault(lower, lower));
            if (Synonyms.TryGetValue(term, out var synonym))
            {
                term = Stem(synonym);
            }
            if (!StopWords.Contains(term))
            {
                terms.Add(term);
            }
        }
        return terms;
    }

    /// <summary>Letters and digits runs; camelCase boundaries split (<c>sendEmail</c> → send, Email).</summary>
    private static IEnumerable<string> Words(string text)
    {
        var current = new StringBuilder();
        char previous = ' ';
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (current.Length > 0 && char.IsUpper(c) && char.IsLower(previous))
                {
                    yield return current.ToString();
                    current.Clear();
                }
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                yield return current.ToString();
                current.Clear();
            }
            previous = c;
        }
        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    /// <summary>A light suffix stripper; enough to meet "reports"/"report", "sending"/"send", "created"/"create".</summary>
    internal static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            return Undouble(word[..^3]);
        }
        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal))
        {
            return Undouble(word[..^2]);
        }
        if (word.Length > 4 && (word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)
            || word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)))
        {
            return word[..^2];
        }
        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)
            && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal))
        {
            return word[..^1];
        }
        if (word.Length > 4 && word.EndsWith('e'))
        {
            return word[..^1];
        }
        return word;
    }

    private static string Undouble(string stem) =>
        stem.Length > 2 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z') ? stem[..^1] : stem.TrimEnd('e');
}
