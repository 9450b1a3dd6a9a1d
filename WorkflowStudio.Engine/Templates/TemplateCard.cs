using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowStudio.Engine.Templates;

/// <summary>The gallery card of a template file: its <c>template</c> object (<c>title</c>, <c>tags</c>).</summary>
internal sealed record TemplateCard(string Title, IReadOnlyList<string> Tags)
{
    public const string PropertyName = "template";

    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static TemplateCard Read(string json, string id)
    {
        using var document = JsonDocument.Parse(json, Lenient);
        if (!document.RootElement.TryGetProperty(PropertyName, out var card) || !card.TryGetProperty("title", out var title))
        {
            throw new InvalidDataException($"Built-in template '{id}' needs a \"template\": {{ \"title\": ..., \"tags\": [...] }} object.");
        }
        var tags = card.TryGetProperty("tags", out var list) ? list.EnumerateArray().Select(t => t.GetString()!).ToArray() : [];
        return new TemplateCard(title.GetString()!, tags);
    }

    /// <summary>The workflow without its card, for the strict workflow reader.</summary>
    public static string StripCard(string json)
    {
        var node = JsonNode.Parse(json, documentOptions: Lenient)!.AsObject();
        node.Remove(PropertyName);
        return node.ToJsonString();
    }
}
