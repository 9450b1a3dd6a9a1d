using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools;

/// <summary>Building tool outputs and keeping them within size limits.</summary>
internal static class ToolJson
{
    private static readonly JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ToolCallResult Ok(JsonNode output) => ToolCallResult.Success(Element(output));

    public static JsonElement Element(JsonNode? node)
    {
        using var document = JsonDocument.Parse(node?.ToJsonString(Relaxed) ?? "null");
        return document.RootElement.Clone();
    }

    public static JsonNode? Node(JsonElement element) => JsonNode.Parse(element.GetRawText());

    public static JsonArray Array(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);

    /// <summary>The text, cut at <paramref name="maxChars"/> with a note saying how much was left out.</summary>
    public static (string Text, bool Truncated) Truncate(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return (text, false);
        }
        return ($"{text[..maxChars]}\n[truncated: {text.Length - maxChars} more characters not shown]", true);
    }

    /// <summary>Decodes UTF-8 bytes read up to a limit; <paramref name="truncated"/> says whether more was there.</summary>
    public static string Decode(byte[] bytes, int count) => Encoding.UTF8.GetString(bytes, 0, count);

    /// <summary>Parses text as JSON when it looks like JSON; null otherwise.</summary>
    public static JsonNode? TryParse(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length == 0 || trimmed[0] is not ('{' or '['))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
