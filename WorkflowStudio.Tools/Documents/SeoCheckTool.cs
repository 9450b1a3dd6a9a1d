using System.Text.Json.Nodes;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tools.Memory;

namespace WorkflowStudio.Tools.Documents;

/// <summary><c>builtin/seo_check</c>: keyword density, Flesch reading ease, length and headings of a text, with pass/fail checks.</summary>
internal sealed class SeoCheckTool : BuiltinTool
{
    public override ToolDescriptor Descriptor { get; } = Describe(
        "seo_check", "SEO checks",
        "Measures a text (Markdown or plain): words, sentences, Flesch reading ease (0-100, higher is easier; 60+ suits a general audience), " +
        "density of the keyword (per cent of words; 0.5-3 % passes), whether the keyword is in the title (first line) and how many headings there are.",
        """
        { "type": "object",
          "properties": {
            "text": { "type": "string", "minLength": 1 },
            "keyword": { "type": "string", "minLength": 1 },
            "minWords": { "type": "integer", "minimum": 0, "default": 300 },
            "minReadingEase": { "type": "number", "default": 50 } },
          "required": ["text", "keyword"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": {
            "words": { "type": "integer" }, "sentences": { "type": "integer" }, "readingEase": { "type": "number" },
            "keywordCount": { "type": "integer" }, "keywordDensity": { "type": "number" }, "keywordInTitle": { "type": "boolean" }, "headings": { "type": "integer" },
            "checks": { "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" }, "passed": { "type": "boolean" }, "detail": { "type": "string" } } } },
            "passed": { "type": "boolean" }, "score": { "type": "integer" } },
          "required": ["words", "readingEase", "keywordDensity", "checks", "passed", "score"] }
        """,
        ReadOnlyLocal);

    protected override ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var text = args.RequiredString("text");
        var keyword = ToolDataStore.Tokens(args.RequiredString("keyword"));
        var words = ToolDataStore.Tokens(text);
        var sentences = Math.Max(1, text.Split(['.', '!', '?', '\n'], StringSplitOptions.RemoveEmptyEntries).Count(s => ToolDataStore.Tokens(s).Count > 0));
        var syllables = words.Sum(Syllables);
        var ease = words.Count == 0 ? 0 : Math.Round(206.835 - 1.015 * (words.Count / (double)sentences) - 84.6 * (syllables / (double)words.Count), 1);
        var hits = keyword.Count == 0 ? 0 : Enumerable.Range(0, Math.Max(0, words.Count - keyword.Count + 1)).Count(i => keyword.Select((k, j) => words[i + j] == k).All(b => b));
        var density = words.Count == 0 ? 0 : Math.Round(100.0 * hits * keyword.Count / words.Count, 2);
        var lines = text.Split('\n');
        var title = lines.FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        var inTitle = keyword.Count > 0 && string.Join(' ', ToolDataStore.Tokens(title)).Contains(string.Join(' ', keyword), StringComparison.Ordinal);
        var headings = lines.Count(l => l.TrimStart().StartsWith('#'));
        var minWords = args.Int("minWords", 300);
        var minEase = args.Double("minReadingEase", 50);
        var checks = new (string Name, bool Passed, string Detail)[]
        {
            ("length", words.Count >= minWords, $"{words.Count} words (at least {minWords})"),
            ("readability", ease >= minEase, $"Flesch reading ease {ease} (at least {minEase})"),
            ("keyword density", density is >= 0.5 and <= 3, $"{density} % (0.5 to 3 %)"),
            ("keyword in title", inTitle, inTitle ? "the first line names the keyword" : "the first line does not name the keyword"),
            ("headings", headings >= 2, $"{headings} headings (at least 2)"),
        };
        return ValueTask.FromResult(ToolJson.Ok(new JsonObject
        {
            ["words"] = words.Count, ["sentences"] = sentences, ["readingEase"] = ease, ["keywordCount"] = hits, ["keywordDensity"] = density,
            ["keywordInTitle"] = inTitle, ["headings"] = headings,
            ["checks"] = new JsonArray([.. checks.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["passed"] = c.Passed, ["detail"] = c.Detail })]),
            ["passed"] = checks.All(c => c.Passed),
            ["score"] = (int)Math.Round(100.0 * checks.Count(c => c.Passed) / checks.Length),
        }));
    }

    /// <summary>Vowel groups, silent final 'e' discounted, at least one.</summary>
    private static int Syllables(string word)
    {
        var count = 0;
        var previousVowel = false;
        foreach (var c in word)
        {
            var vowel = "aeiouy".Contains(c, StringComparison.Ordinal);
            if (vowel && !previousVowel)
            {
                count++;
            }
            previousVowel = vowel;
        }
        if (word.Length > 2 && word.EndsWith('e') && !word.EndsWith("le", StringComparison.Ordinal) && count > 1)
        {
            count--;
        }
        return Math.Max(1, count);
    }
}
