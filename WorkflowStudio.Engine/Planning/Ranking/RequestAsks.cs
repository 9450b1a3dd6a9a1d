using System.Text.RegularExpressions;

namespace WorkflowStudio.Engine.Planning.Ranking;

/// <summary>
/// The asks of a request: its words that say what to do and on what (actions and objects), as the user wrote them. Stop
/// words, fillers, values, handles and paths are left out; a capitalised word inside the sentence (a name: "Lisbon",
/// "FlowPilot"), an all-caps abbreviation, an everyday action ("create", "send") and the words of what a message or task
/// is to say (after "that", "about", "titled", "to &lt;verb&gt;") are <see cref="RequestAsk.Soft"/>: they count when something
/// covers them, and never count as missing.
/// </summary>
internal static partial class RequestAsks
{
    private static readonly HashSet<string> Fillers = new(StringComparer.OrdinalIgnoreCase)
    {
        "how", "did", "does", "done", "doing", "put", "together", "who", "whose", "why", "where", "whether", "have", "has", "had",
        "was", "were", "been", "being", "not", "yet", "than", "very", "much", "many", "more", "most", "less", "other", "another",
        "same", "time", "people", "anyone", "someone", "something", "thing", "things", "stuff", "help", "start", "set", "take",
        "just", "last", "next", "coming", "yesterday", "today", "tomorrow", "tonight", "first", "every", "our", "ours",
        "his", "her", "she", "him", "they", "mine", "yours", "saying", "say", "says", "tell", "know", "check", "look", "find",
        "see", "show", "keep", "turn", "bring", "work", "working", "whole", "sure", "ready", "kind", "sort", "etc", "via", "one",
        "across", "per", "everyone", "everybody", "morning", "afternoon", "evening", "likely", "should", "would", "could", "them",
        "it", "its", "their", "there", "what", "which", "while", "within", "without", "using", "based", "some", "any", "all",
        "week", "weeks", "month", "months", "day", "days", "year", "years", "hour", "hours", "minute",
    };

    /// <summary>Actions every plan does in some form ("create a report", "send it"): they count when covered, never as missing.</summary>
    private static readonly HashSet<string> GenericActions = new(StringComparer.OrdinalIgnoreCase)
    {
        "create", "make", "build", "prepare", "produce", "generate", "write", "send", "handle", "process", "run", "do", "give",
        "deal", "compile", "provide", "post", "share", "put", "get", "add", "use", "want", "need", "please", "order", "new",
    };

    /// <summary>Words after which the request says what a message, task or note is to contain: content, not asks.</summary>
    private static readonly HashSet<string> ContentMarkers = new(StringComparer.OrdinalIgnoreCase)
    {
        "that", "about", "regarding", "titled", "named", "called", "saying",
    };

    public static IReadOnlyList<RequestAsk> Of(string intent)
    {
        var asks = new List<RequestAsk>();
        var sentenceStart = true;
        var content = false;
        foreach (Match match in Words().Matches(intent))
        {
            if (match.Index > 0 && intent[match.Index - 1] is '@' or '#' or '/' or '.' or '-' or '_')
            {
                continue; // a handle, a path or a name with dashes: a value, not an ask
            }
            if (ContentMarkers.Contains(match.Value) || (string.Equals(match.Value, "to", StringComparison.OrdinalIgnoreCase) && NextIsVerbLike(intent, match)))
            {
                content = true; // "a task to renew the certificate", "remind me to call": what it is to say, not what to do
                continue;
            }
            var word = match.Value.EndsWith("'s", StringComparison.OrdinalIgnoreCase) ? match.Value[..^2] : match.Value;
            var atStart = sentenceStart;
            sentenceStart = match.Index + word.Length < intent.Length && ".!?:;".Contains(intent[match.Index + word.Length], StringComparison.Ordinal);
            if (word.Length < 3 || word.Any(char.IsDigit) || Fillers.Contains(word) || TextTerms.Of(word).Count == 0)
            {
                continue;
            }
            var soft = content || (!atStart && char.IsUpper(word[0])) || (word.Length > 1 && word.All(char.IsUpper)) || GenericActions.Contains(word);
            if (!asks.Any(a => string.Equals(a.Word, word, StringComparison.OrdinalIgnoreCase)))
            {
                asks.Add(new RequestAsk(word, soft));
            }
        }
        return asks;
    }

    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "my", "our", "your", "his", "her", "their", "its", "this", "these", "that", "those", "me", "us", "them",
        "him", "everyone", "all", "each", "every", "any", "some", "no",
    };

    /// <summary>"to" followed by a word that is not a determiner or pronoun ("to renew", not "to the team", "to me").</summary>
    private static bool NextIsVerbLike(string intent, Match to)
    {
        var next = Words().Match(intent, to.Index + to.Length);
        return next.Success && intent[(to.Index + to.Length)..next.Index].Trim().Length == 0 && !Determiners.Contains(next.Value)
            && !char.IsUpper(next.Value[0]);
    }

    [GeneratedRegex(@"\p{L}[\p{L}'-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
