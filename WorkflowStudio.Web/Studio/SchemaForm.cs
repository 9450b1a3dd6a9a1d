using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// Turns a tool's input JSON Schema into form fields, and moves values between the node's <c>args</c> object and
/// the text the fields show. A value holding a <c>{{ binding }}</c> is kept as a string whatever the field's type
/// (the engine evaluates it at run time); text that does not parse as the field's type is kept as a string too, so
/// the validator can point at it instead of the form silently dropping it.
/// </summary>
public static class SchemaForm
{
    public static IReadOnlyList<SchemaField> Fields(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return [];
        }
        var required = schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        var fields = new List<SchemaField>();
        foreach (var property in properties.EnumerateObject())
        {
            var definition = property.Value;
            var type = TypeOf(definition);
            var enumValues = definition.ValueKind == JsonValueKind.Object && definition.TryGetProperty("enum", out var values)
                && values.ValueKind == JsonValueKind.Array
                ? values.EnumerateArray().Select(v => v.GetRawText()).ToArray()
                : [];
            fields.Add(new SchemaField
            {
                Name = property.Name,
                Kind = enumValues.Length > 0 ? SchemaFieldKind.Enum : type switch
                {
                    "string" => SchemaFieldKind.String,
                    "number" => SchemaFieldKind.Number,
                    "integer" => SchemaFieldKind.Integer,
                    "boolean" => SchemaFieldKind.Boolean,
                    _ => SchemaFieldKind.Json,
                },
                TypeName = type,
                Required = required.Contains(property.Name),
                Title = StringProperty(definition, "title"),
                Description = StringProperty(definition, "description"),
                EnumValues = enumValues,
                DefaultJson = definition.ValueKind == JsonValueKind.Object && definition.TryGetProperty("default", out var d) ? d.GetRawText() : null,
            });
        }
        // Required fields first, each group in schema order.
        return [.. fields.Where(f => f.Required), .. fields.Where(f => !f.Required)];
    }

    /// <summary>The text a field shows for <paramref name="name"/> in <paramref name="args"/>: strings as they are, other values as JSON.</summary>
    public static string ReadText(JsonElement? args, string name)
    {
        if (args is not { ValueKind: JsonValueKind.Object } obj || !obj.TryGetProperty(name, out var value))
        {
            return string.Empty;
        }
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    /// <summary>Args with <paramref name="field"/> set from <paramref name="text"/>; empty text removes the property.</summary>
    public static JsonElement WriteText(JsonElement? args, SchemaField field, string? text) =>
        WriteValue(args, field.Name, string.IsNullOrEmpty(text) ? null : ToJson(field, text));

    /// <summary>Args with property <paramref name="name"/> set to <paramref name="value"/> (removed when null), order kept.</summary>
    public static JsonElement WriteValue(JsonElement? args, string name, JsonNode? value)
    {
        var obj = args is { ValueKind: JsonValueKind.Object } existing ? JsonNode.Parse(existing.GetRawText())!.AsObject() : [];
        if (value is null)
        {
            obj.Remove(name);
        }
        else
        {
            obj[name] = value;
        }
        return JsonSerializer.SerializeToElement(obj);
    }

    private static JsonNode ToJson(SchemaField field, string text)
    {
        if (text.Contains("{{", StringComparison.Ordinal))
        {
            return JsonValue.Create(text);
        }
        switch (field.Kind)
        {
            case SchemaFieldKind.String:
                return JsonValue.Create(text);
            case SchemaFieldKind.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                return JsonValue.Create(number);
            case SchemaFieldKind.Integer when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer):
                return JsonValue.Create(integer);
            case SchemaFieldKind.Boolean when bool.TryParse(text, out var flag):
                return JsonValue.Create(flag);
            case SchemaFieldKind.Enum or SchemaFieldKind.Json:
                try
                {
                    return JsonNode.Parse(text) ?? JsonValue.Create(text);
                }
                catch (JsonException)
                {
                    return JsonValue.Create(text);
                }
            default:
                return JsonValue.Create(text);
        }
    }

    private static string TypeOf(JsonElement definition)
    {
        if (definition.ValueKind != JsonValueKind.Object || !definition.TryGetProperty("type", out var type))
        {
            return "any";
        }
        return type.ValueKind switch
        {
            JsonValueKind.String => type.GetString()!,
            // ["string", "null"]: the first non-null type.
            JsonValueKind.Array => type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t is not null and not "null") ?? "any",
            _ => "any",
        };
    }

    private static string? StringProperty(JsonElement definition, string name) =>
        definition.ValueKind == JsonValueKind.Object && definition.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
