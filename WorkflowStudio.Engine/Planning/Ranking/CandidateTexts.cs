using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Engine.Planning.Ranking;

/// <summary>
/// What the semantic ranking embeds of a template or tool: a few sentence-sized texts (its title, its description, its
/// title with tags or name words), and its vocabulary, the words a request's asks are checked against.
/// </summary>
internal static partial class CandidateTexts
{
    public static IReadOnlyList<string> Chunks(WorkflowTemplate template) =>
        Distinct([template.Title, template.Description, $"{template.Title}. {string.Join(", ", template.Tags)}", string.Join("; ", template.Workflow.Nodes.Select(n => n.Description).OfType<string>())]);

    public static IReadOnlyList<string> Chunks(ToolDescriptor tool)
    {
        var title = tool.Title ?? Spaced(tool.Name);
        return Distinct([$"{title}: {FirstSentence(tool.Description)}", $"{Spaced(tool.Name)}: {title}"]);
    }

    public static IReadOnlyList<string> Vocabulary(WorkflowTemplate template) => Words(
        [template.Id, template.Title, template.Description, .. template.Tags,
         .. template.Workflow.Inputs.SelectMany(i => new[] { i.Key, i.Value.Description }),
         .. template.Workflow.Nodes.Select(n => n.Description)]);

    public static IReadOnlyList<string> Vocabulary(ToolDescriptor tool) => Words(
        [tool.Name, tool.Title, tool.Description, .. SchemaTexts(tool.InputSchema)]);

    /// <summary>Lower-case words of three letters or more, camelCase and snake_case split, stop words left out.</summary>
    public static IReadOnlyList<string> Words(IEnumerable<string?> texts) =>
        texts.SelectMany(t => Letters().Matches(Spaced(t ?? "")).Select(m => m.Value.ToLowerInvariant()))
            .Where(w => w.Length >= 3 && TextTerms.Of(w).Count > 0)
            .Distinct(StringComparer.Ordinal).ToArray();

    private static IEnumerable<string?> SchemaTexts(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        foreach (var property in properties.EnumerateObject())
        {
            yield return property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String)
            {
                yield return description.GetString();
            }
        }
    }

    private static string FirstSentence(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }

    /// <summary><c>clickup_create_task</c> → "clickup create task", <c>customerEmail</c> → "customer Email".</summary>
    private static string Spaced(string text) => CamelBoundary().Replace(text.Replace('_', ' ').Replace('-', ' '), "$1 $2");

    private static string[] Distinct(IEnumerable<string> texts) =>
        texts.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant)]
    private static partial Regex Letters();

    [GeneratedRegex(@"(\p{Ll})(\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex CamelBoundary();
}
