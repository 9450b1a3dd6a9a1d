using System.Text.Json;

namespace WorkflowStudio.Engine.Planning;

/// <summary>Reads the top-level properties of a tool's input schema.</summary>
internal static class ToolSchemas
{
    public sealed record Property(string Name, string Type, string? Description, bool Required);

    public static IReadOnlyList<Property> Properties(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return [];
        }
        var required = schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        return properties.EnumerateObject()
            .Select(p => new Property(p.Name, TypeOf(p.Value), DescriptionOf(p.Value), required.Contains(p.Name)))
            .ToArray();
    }

    /// <summary>Whether the schema admits more properties than it lists.</summary>
    public static bool AllowsOtherProperties(JsonElement schema) =>
        !(schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False);

    private static string TypeOf(JsonElement property)
    {
        if (property.ValueKind != JsonValueKind.Object || !property.TryGetProperty("type", out var type))
        {
            return "string";
        }
        var name = type.ValueKind switch
        {
            JsonValueKind.String => type.GetString(),
            JsonValueKind.Array => type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t is not null and not "null"),
            _ => null,
        };
        return name is "string" or "number" or "integer" or "boolean" or "object" or "array" ? name : "string";
    }

    private static string? DescriptionOf(JsonElement property) =>
        property.ValueKind == JsonValueKind.Object && property.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String
            ? d.GetString()
            : null;
}
