namespace WorkflowStudio.Tools.Ai;

/// <summary>A small English sentiment lexicon (weights -3..3) with negators, intensifiers and urgency words, for offline scoring.</summary>
internal static class SentimentLexicon
{
    public static readonly IReadOnlyDictionary<string, int> Weights = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["love"] = 3, ["excellent"] = 3, ["amazing"] = 3, ["fantastic"] = 3, ["perfect"] = 3, ["outstanding"] = 3, ["delighted"] = 3,
        ["great"] = 2, ["happy"] = 2, ["thanks"] = 2, ["thank"] = 2, ["good"] = 2, ["helpful"] = 2, ["pleased"] = 2, ["glad"] = 2, ["recommend"] = 2,
        ["resolved"] = 2, ["fast"] = 1, ["easy"] = 1, ["fine"] = 1, ["ok"] = 1, ["okay"] = 1, ["like"] = 1, ["works"] = 1, ["appreciate"] = 2,
        ["bad"] = -2, ["poor"] = -2, ["slow"] = -1, ["problem"] = -1, ["issue"] = -1, ["bug"] = -1, ["error"] = -1, ["broken"] = -2, ["fail"] = -2,
        ["failed"] = -2, ["failing"] = -2, ["wrong"] = -2, ["disappointed"] = -2, ["frustrated"] = -2, ["annoyed"] = -2, ["unhappy"] = -2,
        ["angry"] = -3, ["terrible"] = -3, ["awful"] = -3, ["horrible"] = -3, ["worst"] = -3, ["unacceptable"] = -3, ["furious"] = -3, ["scam"] = -3,
        ["useless"] = -3, ["hate"] = -3, ["overcharged"] = -2, ["charged"] = -1, ["twice"] = -1, ["double"] = -1, ["cancel"] = -1, ["refund"] = -1,
        ["waiting"] = -1, ["ignored"] = -2, ["never"] = -1, ["lost"] = -2, ["missing"] = -1, ["outage"] = -2, ["down"] = -1, ["complaint"] = -2,
    };

    public static readonly IReadOnlySet<string> Negators = new HashSet<string>(StringComparer.Ordinal) { "not", "no", "never", "don", "didn", "doesn", "isn", "wasn", "aren", "can", "cannot", "won" };

    public static readonly IReadOnlyDictionary<string, double> Intensifiers = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["very"] = 1.5, ["really"] = 1.5, ["extremely"] = 2, ["so"] = 1.3, ["completely"] = 1.7, ["totally"] = 1.7, ["absolutely"] = 1.8,
    };

    /// <summary>Words that raise a message's priority whatever its tone.</summary>
    public static readonly IReadOnlySet<string> Urgent = new HashSet<string>(StringComparer.Ordinal)
    {
        "urgent", "urgently", "asap", "immediately", "now", "today", "lawyer", "legal", "chargeback", "fraud", "outage", "down", "cancel", "refund",
    };
}
