using System.Text.Json;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// Checks a person's answer against the form a server asked with (MCP elicitation's requested schema: a flat object of
/// string, number, integer, boolean and enum fields). Returns what is wrong, one line per problem, naming the field.
/// </summary>
public static class ToolInputValidator
{
    public static IReadOnlyList<string> Check(JsonElement requestedSchema, ToolInputAnswer answer)
    {
        if (!ToolInputAnswer.Actions.Contains(answer.Action))
        {
            return [$"action '{answer.Action}' is not one of {string.Join(", ", ToolInputAnswer.Actions)}"];
        }
        if (answer.Action != ToolInputAnswer.Accept)
        {
            return answer.Content is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) }
                ? [$"content goes with accept only; {answer.Action} sends none"]
                : [];
        }
        if (answer.Content is not { ValueKind: JsonValueKind.Object } content)
        {
            return ["accept needs content: a JSON object with the form's fields"];
        }
        var problems = new List<string>();
        var properties = requestedSchema.ValueKind == JsonValueKind.Object && requestedSchema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p : default;
        if (requestedSchema.ValueKind == JsonValueKind.Object && requestedSchema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()).OfType<string>())
            {
                if (!content.TryGetProperty(name, out var given) || given.ValueKind == JsonValueKind.Null)
                {
                    problems.Add($"content.{name} is required");
                }
            }
        }
        foreach (var field in content.EnumerateObject())
        {
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(field.Name, out var schema))
            {
                var known = properties.ValueKind == JsonValueKind.Object ? string.Join(", ", properties.EnumerateObject().Select(f => f.Name)) : "";
                problems.Add($"content.{field.Name} is not a field of the form (fields: {(known.Length == 0 ? "none" : known)})");
                continue;
            }
            if (CheckField(schema, field.Value) is { } problem)
            {
                problems.Add($"content.{field.Name} {problem}");
            }
        }
        return problems;
    }

    /// <summary>
    /// An accepted answer with every field the person left out that the form gives a <c>default</c> for filled in with it
    /// (MCP SEP-1034: the server gets the defaults a form showed, not an empty field). Other answers are unchanged.
    /// </summary>
    public static ToolInputAnswer WithDefaults(JsonElement requestedSchema, ToolInputAnswer answer)
    {
        if (answer.Action != ToolInputAnswer.Accept || answer.Content is not { ValueKind: JsonValueKind.Object } content
            || requestedSchema.ValueKind != JsonValueKind.Object || !requestedSchema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return answer;
        }
        var filled = System.Text.Json.Nodes.JsonNode.Parse(content.GetRawText())!.AsObject();
        foreach (var field in properties.EnumerateObject())
        {
            if (!filled.ContainsKey(field.Name) && field.Value.ValueKind == JsonValueKind.Object && field.Value.TryGetProperty("default", out var value))
            {
                filled[field.Name] = System.Text.Json.Nodes.JsonNode.Parse(value.GetRawText());
            }
        }
        return answer with { Content = JsonSerializer.SerializeToElement(filled) };
    }

    private static string? CheckField(JsonElement schema, JsonElement value)
    {
        var type = schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var options = schema.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array
            ? e.EnumerateArray().Select(o => o.GetString()).OfType<string>().ToList()
            : schema.TryGetProperty("oneOf", out var one) && one.ValueKind == JsonValueKind.Array
                ? one.EnumerateArray().Select(o => o.TryGetProperty("const", out var c) ? c.GetString() : null).OfType<string>().ToList()
                : null;
        switch (type)
        {
            case "string":
                if (value.ValueKind != JsonValueKind.String)
                {
                    return $"must be a string, got {Kind(value)}";
                }
                if (options is { Count: > 0 } && !options.Contains(value.GetString()!))
                {
                    return $"must be one of {string.Join(", ", options)}, got '{value.GetString()}'";
                }
                return null;
            case "number":
                return value.ValueKind == JsonValueKind.Number ? null : $"must be a number, got {Kind(value)}";
            case "integer":
                return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _) ? null : $"must be a whole number, got {Kind(value)}";
            case "boolean":
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"must be true or false, got {Kind(value)}";
            case "array":
                return value.ValueKind == JsonValueKind.Array ? null : $"must be a list, got {Kind(value)}";
            default:
                return null;
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => value.ValueKind.ToString().ToLowerInvariant() + (value.ValueKind == JsonValueKind.Number ? " " + value.GetRawText() : ""),
    };
}
