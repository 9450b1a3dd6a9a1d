using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// Turns a tool's input JSON Schema into form fields, and moves values between the node's <c>args</c> object and
/// the text the fields show. In a string, number, integer or boolean field a value holding a <c>{{ binding }}</c> is
/// kept as a string (the engine evaluates it at run time; a whole-value binding keeps the bound value's JSON type),
/// and text that does not parse as the field's type is kept as a string too, so the validator can point at it.
/// An object, array or untyped field (<see cref="SchemaFieldKind.Json"/>) is JSON: its values may be binding strings
/// and keep their JSON types (an object stays an object), a lone <c>{{ binding }}</c> is a whole-value binding, and
/// text that is neither is refused with where and what is wrong, never saved as a string.
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

    /// <summary>
    /// The text <paramref name="field"/> shows: for enum and JSON fields the value as JSON (a string in quotes, so that
    /// editing it keeps it a string), except a whole-value binding, shown as it is; for the other fields as
    /// <see cref="ReadText(JsonElement?, string)"/>.
    /// </summary>
    public static string ReadText(JsonElement? args, SchemaField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Kind is not (SchemaFieldKind.Json or SchemaFieldKind.Enum)
            || args is not { ValueKind: JsonValueKind.Object } obj || !obj.TryGetProperty(field.Name, out var value))
        {
            return ReadText(args, field.Name);
        }
        return value.ValueKind == JsonValueKind.String && IsWholeBinding(value.GetString()!) ? value.GetString()! : value.GetRawText();
    }

    /// <summary>Args with <paramref name="field"/> set from <paramref name="text"/>; empty text removes the property.</summary>
    /// <exception cref="FormatException">A JSON field's text is not JSON nor a single binding (the message says where and what).</exception>
    public static JsonElement WriteText(JsonElement? args, SchemaField field, string? text) =>
        TryWriteText(args, field, text, out var updated, out var error) ? updated : throw new FormatException(error);

    /// <summary>
    /// Args with <paramref name="field"/> set from <paramref name="text"/> (empty text removes the property), or false
    /// with a message naming the field, the line and position, what is wrong and how to fix it, when the field is
    /// edited as JSON and the text is neither JSON nor a single <c>{{ binding }}</c>.
    /// </summary>
    public static bool TryWriteText(JsonElement? args, SchemaField field, string? text, out JsonElement updated, out string? error)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (string.IsNullOrWhiteSpace(text) || field.Kind != SchemaFieldKind.Json)
        {
            var empty = string.IsNullOrEmpty(text) || (field.Kind == SchemaFieldKind.Json && string.IsNullOrWhiteSpace(text));
            updated = WriteValue(args, field.Name, empty ? null : ToJson(field, text!));
            error = null;
            return true;
        }
        if (!TryParseJson(text, out var value, out var problem))
        {
            if (IsWholeBinding(text))
            {
                value = JsonValue.Create(text.Trim());
            }
            else
            {
                updated = default;
                error = $"'{field.Name}' ({field.TypeName}) is not valid JSON: {problem}. Write a JSON value (an object {{...}}, "
                    + "an array [...], a number, true/false, null or a \"string\" in double quotes) whose values may be bindings "
                    + "such as \"{{ steps.ID.output }}\", or a single binding on its own; the argument was not changed.";
                return false;
            }
        }
        updated = WriteValue(args, field.Name, value);
        error = null;
        return true;
    }

    /// <summary>Whether <paramref name="text"/> is exactly one <c>{{ ... }}</c> (spaces around it allowed).</summary>
    public static bool IsWholeBinding(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return trimmed.Length > 4 && trimmed.StartsWith("{{", StringComparison.Ordinal) && trimmed.EndsWith("}}", StringComparison.Ordinal)
            && trimmed.IndexOf("{{", 2, StringComparison.Ordinal) < 0 && trimmed.IndexOf("}}", StringComparison.Ordinal) == trimmed.Length - 2;
    }

    /// <summary>Parses <paramref name="text"/> as one JSON value; on failure <paramref name="problem"/> says where (line, position) and what.</summary>
    public static bool TryParseJson(string text, out JsonNode? value, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            value = JsonNode.Parse(text);
            problem = null;
            return true;
        }
        catch (JsonException exception)
        {
            value = null;
            var what = exception.Message;
            var cut = what.IndexOf(" LineNumber:", StringComparison.Ordinal);
            what = (cut > 0 ? what[..cut] : what).TrimEnd(' ', '.', '|');
            var path = what.IndexOf(" Path:", StringComparison.Ordinal);
            what = path > 0 ? what[..path].TrimEnd(' ', '.', '|') : what;
            problem = exception.LineNumber is { } line && exception.BytePositionInLine is { } position
                ? $"line {line + 1}, position {position + 1}: {what}"
                : what;
            return false;
        }
    }

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
            case SchemaFieldKind.Enum:
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
