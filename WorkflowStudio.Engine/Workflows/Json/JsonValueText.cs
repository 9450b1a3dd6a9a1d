using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows.Json;

/// <summary>Short, human-readable descriptions of JSON values for error messages.</summary>
internal static class JsonValueText
{
    private const int MaxLiteralLength = 60;

    /// <summary>The JSON type name: string, number, boolean, null, object or array.</summary>
    public static string KindName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => "nothing",
    };

    /// <summary>The type and, for scalars, the value: <c>string "x"</c>, <c>number 3</c>, <c>boolean true</c>, <c>null</c>, <c>object</c>.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => $"{KindName(value)} {Literal(value)}",
        JsonValueKind.Array => $"array of {value.GetArrayLength()} item(s)",
        _ => KindName(value),
    };

    /// <summary>The value as compact JSON, shortened with an ellipsis when long.</summary>
    public static string Literal(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.Undefined ? "undefined" : JsonSerializer.Serialize(value, JsonText.CompactOptions);
        return text.Length <= MaxLiteralLength ? text : string.Concat(text.AsSpan(0, MaxLiteralLength - 1), "…");
    }

    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string OrList(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} or {items[^1]}",
    };

    /// <summary>Quoted names joined by commas: 'a', 'b'.</summary>
    public static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
