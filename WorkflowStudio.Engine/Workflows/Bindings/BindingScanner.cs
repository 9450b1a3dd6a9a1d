using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows.Bindings;

/// <summary>One binding found in a JSON value, with the JSONPath of the string that holds it.</summary>
public readonly record struct BindingOccurrence(string JsonPath, BindingPath? Path, string? Error);

/// <summary>Finds every binding in a JSON value (for validation and implicit dependencies).</summary>
public static class BindingScanner
{
    public static IEnumerable<BindingOccurrence> Scan(JsonElement? value, string jsonPath)
    {
        if (value is null)
        {
            yield break;
        }
        var element = value.Value;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var found in Scan(property.Value, Json.JsonPathText.Property(jsonPath, property.Name)))
                    {
                        yield return found;
                    }
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var found in Scan(item, $"{jsonPath}[{index++}]"))
                    {
                        yield return found;
                    }
                }
                break;
            case JsonValueKind.String:
                foreach (var found in ScanString(element.GetString()!, jsonPath))
                {
                    yield return found;
                }
                break;
        }
    }

    public static IEnumerable<BindingOccurrence> ScanString(string text, string jsonPath)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            yield break;
        }
        if (!TemplateString.TryParse(text, out var template, out var error))
        {
            yield return new BindingOccurrence(jsonPath, null, error);
            yield break;
        }
        foreach (var part in template.Parts)
        {
            if (part.Expression is null)
            {
                continue;
            }
            yield return BindingParser.TryParse(part.Expression, out var path, out var parseError)
                ? new BindingOccurrence(jsonPath, path, null)
                : new BindingOccurrence(jsonPath, null, parseError);
        }
    }

    /// <summary>True when the string value is a binding (so schema checks of its type are deferred to run time).</summary>
    public static bool IsBound(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString()!.Contains("{{", StringComparison.Ordinal);
}
