using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowStudio.Engine.Planning.Ranking;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning.Offline;

/// <summary>
/// Fills a workflow's declared inputs from what the request says, by each input's name, description and type:
/// quarters ("Q3", "Q3 2024" → <c>Q3_2024</c>), e-mail addresses, URLs, numbers next to the input's words,
/// quoted text or "about X" for topics and messages, and explicit <c>name=value</c>.
/// </summary>
internal static partial class InputFiller
{
    private static readonly string[] TextInputWords = ["topic", "query", "subject", "text", "message", "keyword", "prompt", "question", "content", "title", "body", "name", "value"];

    public static Dictionary<string, JsonElement> Fill(
        IReadOnlyDictionary<string, WorkflowInput> inputs, RequestValues values, int currentYear, List<string> notes)
    {
        var filled = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, input) in inputs)
        {
            var value = values.Explicit(name) is { } stated
                ? InputCoercion.Coerce(JsonSerializer.SerializeToElement(stated), input.Type)
                : Read(name, input, values, currentYear);
            if (value is { } found)
            {
                filled[name] = found;
                notes.Add($"{name}={Shorten(found.GetRawText())}");
            }
        }
        return filled;
    }

    private static JsonElement? Read(string name, WorkflowInput input, RequestValues values, int currentYear)
    {
        var words = $"{SplitName(name)} {input.Description}".ToLowerInvariant();
        var terms = TextTerms.Of(words);
        if ((words.Contains("period", StringComparison.Ordinal) || words.Contains("quarter", StringComparison.Ordinal)) && values.Quarter is { } quarter)
        {
            var year = quarter.Year ?? YearOf(input.Default) ?? currentYear;
            return Element(string.Create(CultureInfo.InvariantCulture, $"Q{quarter.Quarter}_{year}"));
        }
        if (input.Type is "string" or "array" && Regex.IsMatch(words, @"\b(e-?mails?|recipients?|to|address(es)?|cc)\b") && values.Emails.Count > 0)
        {
            return input.Type == "array" ? JsonSerializer.SerializeToElement(values.Emails) : Element(values.Emails[0]);
        }
        if (input.Type is "string" or "array" && Regex.IsMatch(words, @"\b(url|urls|link|links|feed|feeds|endpoint|site|website)\b") && values.Urls.Count > 0)
        {
            return input.Type == "array" ? JsonSerializer.SerializeToElement(values.Urls) : Element(values.Urls[0]);
        }
        if (input.Type is "number" or "integer")
        {
            // Only a number next to the input's own words: "500 milliseconds", "limit 5", "in 24 hours".
            var near = values.Numbers.Where(n => TextTerms.Of($"{n.Before} {n.After}").Intersect(terms).Any()).ToArray();
            if (near.Length > 0 && (input.Type == "number" || near[0].Value == Math.Floor(near[0].Value)))
            {
                return input.Type == "integer" ? JsonSerializer.SerializeToElement((long)near[0].Value) : JsonSerializer.SerializeToElement(near[0].Value);
            }
            return null;
        }
        if (Regex.IsMatch(words, @"\b(id|identifier|number)\b") && input.Type == "string" && values.Identifiers.Count > 0)
        {
            return Element(values.Identifiers[0]);
        }
        if (input.Type == "string" && TextInputWords.Any(w => Regex.IsMatch(words, $@"\b{w}\b")))
        {
            if (values.Quoted.Count > 0)
            {
                return Element(values.Quoted[0]);
            }
            if (values.Subject is { } subject && Regex.IsMatch(words, @"\b(topic|subject|query|keyword|question)\b"))
            {
                return Element(subject);
            }
        }
        return null;
    }

    private static int? YearOf(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.String } text && YearSuffix().Match(text.GetString()!) is { Success: true } m
            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    private static string SplitName(string name) => name.Replace('_', ' ').Replace('-', ' ');

    private static JsonElement Element(string value) => JsonSerializer.SerializeToElement(value);

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 59), "…");

    [GeneratedRegex(@"^Q[1-4]_((?:19|20)\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex YearSuffix();
}
