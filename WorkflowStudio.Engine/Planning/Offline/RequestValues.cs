using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkflowStudio.Engine.Planning.Offline;

/// <summary>Values a request states in words: a quarter, e-mail addresses, URLs, numbers, quoted text, "about X", "name=value".</summary>
internal sealed partial record RequestValues
{
    public string Text { get; init; } = "";

    /// <summary>Quarter and optional year, e.g. (3, 2024) from "Q3 2024", (3, null) from "Q3".</summary>
    public (int Quarter, int? Year)? Quarter { get; init; }
    public IReadOnlyList<string> Emails { get; init; } = [];
    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>Numbers with the words right before and after them (for matching to input names).</summary>
    public IReadOnlyList<(double Value, string Before, string After)> Numbers { get; init; } = [];
    public IReadOnlyList<string> Quoted { get; init; } = [];

    /// <summary>The phrase after "about", "on" or "regarding", up to punctuation.</summary>
    public string? Subject { get; init; }

    public static RequestValues Read(string text)
    {
        var quarter = YearFirstQuarterPattern().Match(text) is { Success: true } yq
            ? (int.Parse(yq.Groups["q"].Value, CultureInfo.InvariantCulture), int.Parse(yq.Groups["y"].Value, CultureInfo.InvariantCulture))
            : QuarterPattern().Match(text) is { Success: true } q
                ? (int.Parse(q.Groups["q"].Value, CultureInfo.InvariantCulture),
                   q.Groups["y"].Success ? int.Parse(q.Groups["y"].Value, CultureInfo.InvariantCulture) : (int?)null)
                : ((int, int?)?)null;
        var emails = EmailPattern().Matches(text).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var urls = UrlPattern().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ')')).Distinct(StringComparer.Ordinal).ToArray();
        var masked = UrlPattern().Replace(EmailPattern().Replace(QuarterPattern().Replace(YearFirstQuarterPattern().Replace(text, " "), " "), " "), " ");
        var numbers = ReadNumbers(masked);
        var quoted = QuotedPattern().Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToArray();
        var subject = SubjectPattern().Match(text) is { Success: true } s ? s.Groups["s"].Value.Trim() : null;
        return new RequestValues
        {
            Text = text, Quarter = quarter, Emails = emails, Urls = urls, Numbers = numbers, Quoted = quoted,
            Subject = string.IsNullOrWhiteSpace(subject) ? null : subject,
        };
    }

    /// <summary>
    /// The request without the values it states (e-mail addresses, URLs, quoted text, numbers, <c>name=value</c>,
    /// machine identifiers such as run ids and hashes): what is left says what to do, and is what templates and tools
    /// are ranked against.
    /// </summary>
    public string Intent()
    {
        var text = QuotedPattern().Replace(Text, " ");
        text = UrlPattern().Replace(EmailPattern().Replace(text, " "), " ");
        text = MachineIdPattern().Replace(text, " ");
        text = Regex.Replace(text, @"[\w-]+\s*=\s*\S+", " ", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return Regex.Replace(text, @"(?<![\w-])[$€£#]?\d+(?:[.,]\d+)?%?(?![\w-])", " ", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>Identifiers such as <c>C-1042</c>, <c>INV-77</c> or <c>#1234</c>.</summary>
    public IReadOnlyList<string> Identifiers => IdentifierPattern().Matches(Text).Select(m => m.Groups["id"].Value).ToArray();

    /// <summary>An explicit <c>NAME=value</c> or <c>NAME: value</c> in the request.</summary>
    public string? Explicit(string name)
    {
        var match = Regex.Match(Text, $@"(?<![\w-]){Regex.Escape(name)}\s*[=:]\s*(?:""(?<v>[^""]*)""|(?<v>[^\s,;]+))",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups["v"].Value : null;
    }

    [GeneratedRegex(@"(?<![\w-])(?:#(?<id>\d{3,})|(?<id>[A-Z]{1,6}-\d{2,}))(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"\b[Qq](?<q>[1-4])(?:[\s_/-]*(?:of\s+|FY)?(?<y>(?:19|20)\d{2}))?\b", RegexOptions.CultureInvariant)]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"\b(?<y>(?:19|20)\d{2})[\s_/-]*[Qq](?<q>[1-4])\b", RegexOptions.CultureInvariant)]
    private static partial Regex YearFirstQuarterPattern();

    /// <summary>Twelve or more letters, digits, '-' or '_' mixing letters and digits: an id (a run, a hash, a GUID), never a word to rank.</summary>
    [GeneratedRegex(@"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{12,}(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex MachineIdPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"https?://[^\s""'<>]+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    private static (double, string, string)[] ReadNumbers(string text)
    {
        var words = text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var numbers = new List<(double, string, string)>();
        for (var i = 0; i < words.Length; i++)
        {
            var token = words[i].Trim('$', '€', '£', '#', '%', ',', '.', ';', ':', '!', '?', '(', ')');
            if (token.Length > 0 && char.IsDigit(token[0])
                && double.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                numbers.Add((value, i > 0 ? Word(words[i - 1]) : "", i + 1 < words.Length ? Word(words[i + 1]) : ""));
            }
        }
        return numbers.ToArray();
    }

    private static string Word(string token) => new string(token.Where(char.IsLetter).ToArray()).ToLowerInvariant();

    [GeneratedRegex(@"""([^""]+)""|'([^']{2,})'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"\b(?:about|regarding|on the topic of|on)\s+(?<s>[^,.;:!?""]{2,80})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPattern();
}
