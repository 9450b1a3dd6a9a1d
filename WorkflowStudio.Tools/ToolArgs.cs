using System.Globalization;
using System.Text.Json;

namespace WorkflowStudio.Tools;

/// <summary>Typed reads of arguments that already passed the input schema check.</summary>
internal readonly struct ToolArgs
{
    public ToolArgs(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public bool Has(string name) => Root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public JsonElement? Element(string name) => Root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public string? String(string name) => Element(name) is { } value ? AsText(value) : null;

    public string RequiredString(string name) =>
        String(name) is { Length: > 0 } text ? text : throw new ToolArgumentException($"'{name}' must not be empty.");

    public int Int(string name, int fallback) => Element(name) is { ValueKind: JsonValueKind.Number } value ? (int)Math.Clamp(value.GetDouble(), int.MinValue, int.MaxValue) : fallback;

    public double Double(string name, double fallback) => Element(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : fallback;

    public bool Bool(string name, bool fallback) => Element(name) is { } value ? value.ValueKind == JsonValueKind.True : fallback;

    public IReadOnlyList<string> Strings(string name) => Element(name) switch
    {
        { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(AsText)],
        { ValueKind: JsonValueKind.String } one => one.GetString()!.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        _ => [],
    };

    /// <summary>A scalar as text: strings as they are, numbers as written, other JSON compact.</summary>
    public static string AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };

    /// <summary>A JSON value as a plain CLR value (for SQL parameters and templates).</summary>
    public static object? ToClr(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Array => value.EnumerateArray().Select(ToClr).ToList(),
        _ => value.EnumerateObject().ToDictionary(p => p.Name, p => ToClr(p.Value), StringComparer.Ordinal),
    };

    public static double? AsNumber(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
