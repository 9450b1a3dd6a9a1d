using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows.Bindings;

/// <summary>Resolves bindings inside a JSON value against a scope, recording which bindings were read.</summary>
public static class BindingEvaluator
{
    /// <summary>Returns <paramref name="value"/> with every binding replaced; throws <see cref="BindingException"/>.</summary>
    public static JsonElement Resolve(JsonElement value, IBindingScope scope, ICollection<string>? used = null)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, value, scope, used);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Resolves one string (a single binding keeps its JSON type; otherwise interpolated text).</summary>
    public static JsonElement ResolveString(string text, IBindingScope scope, ICollection<string>? used = null)
    {
        if (!TemplateString.TryParse(text, out var template, out var error))
        {
            throw new BindingException(error!);
        }
        if (!template.HasBindings)
        {
            return JsonSerializer.SerializeToElement(text);
        }
        if (template.IsSingleBinding)
        {
            return Evaluate(template.Parts[0].Expression!, scope, used);
        }
        var builder = new StringBuilder();
        foreach (var part in template.Parts)
        {
            builder.Append(part.Expression is null ? part.Literal : AsText(Evaluate(part.Expression, scope, used)));
        }
        return JsonSerializer.SerializeToElement(builder.ToString());
    }

    /// <summary>Evaluates a <c>when</c> condition: false, null, 0, "", "false", "0", "no" and [] are false.</summary>
    public static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined => false,
        JsonValueKind.Number => value.GetDouble() != 0,
        JsonValueKind.String => value.GetString() is { } s && s.Trim().Length > 0
            && !s.Trim().Equals("false", StringComparison.OrdinalIgnoreCase)
            && s.Trim() != "0" && !s.Trim().Equals("no", StringComparison.OrdinalIgnoreCase),
        JsonValueKind.Array => value.GetArrayLength() > 0,
        _ => true,
    };

    /// <summary>Evaluates one expression such as <c>steps.a.output.rows[0]</c>.</summary>
    public static JsonElement Evaluate(string expression, IBindingScope scope, ICollection<string>? used = null)
    {
        if (!BindingParser.TryParse(expression, out var path, out var error))
        {
            throw new BindingException(error!);
        }
        var value = Root(path!, scope);
        var walked = new StringBuilder(path!.Root).Append('.').Append(path.Name);
        if (path.Field is not null)
        {
            walked.Append('.').Append(path.Field);
        }
        foreach (var segment in path.Segments)
        {
            value = Step(value, segment, walked.ToString(), path.ToString());
            walked.Append(segment is int i ? $"[{i}]" : $".{segment}");
        }
        used?.Add(path.ToString());
        return value;
    }

    private static JsonElement Root(BindingPath path, IBindingScope scope)
    {
        if (!path.IsStep)
        {
            return scope.TryGetInput(path.Name, out var input)
                ? input
                : throw new BindingException($"{path}: the run has no input '{path.Name}'");
        }
        if (!scope.TryGetNode(path.Name, out var step))
        {
            throw new BindingException($"{path}: node '{path.Name}' has not finished (add it to dependsOn)");
        }
        return path.Field switch
        {
            "status" => JsonSerializer.SerializeToElement(step.Status),
            "error" => JsonSerializer.SerializeToElement(step.Error),
            "attempts" => JsonSerializer.SerializeToElement(step.Attempts),
            _ => step.Output ?? throw new BindingException($"{path}: node '{path.Name}' has no output (status {step.Status})"),
        };
    }

    private static JsonElement Step(JsonElement value, object segment, string at, string whole)
    {
        if (segment is int index)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw new BindingException($"{whole}: {at} is {Describe(value)}, not an array");
            }
            return index < value.GetArrayLength()
                ? value[index]
                : throw new BindingException($"{whole}: {at} has {value.GetArrayLength()} items, no [{index}]");
        }
        var key = (string)segment;
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new BindingException($"{whole}: {at} is {Describe(value)}, not an object with '{key}'");
        }
        if (value.TryGetProperty(key, out var child))
        {
            return child;
        }
        var keys = value.EnumerateObject().Select(p => p.Name).Take(10).ToArray();
        throw new BindingException($"{whole}: {at} has no '{key}' (it has: {(keys.Length == 0 ? "nothing" : string.Join(", ", keys))})");
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    /// <summary>How a value reads inside interpolated text: strings bare, everything else as compact JSON.</summary>
    public static string AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        JsonValueKind.Number => value.GetRawText(),
        _ => JsonSerializer.Serialize(value, Json.JsonText.CompactOptions), // compact whatever the source's formatting
    };

    private static void Write(Utf8JsonWriter writer, JsonElement value, IBindingScope scope, ICollection<string>? used)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, scope, used);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item, scope, used);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String when value.GetString()!.Contains("{{", StringComparison.Ordinal):
                ResolveString(value.GetString()!, scope, used).WriteTo(writer);
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    internal static string Format(double number) => number.ToString(CultureInfo.InvariantCulture);
}
