using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows.Json;

/// <summary>
/// Reads JSON strictly and collects every problem: unknown properties (with a suggestion), duplicate
/// properties and wrong types, each located by JSONPath.
/// </summary>
internal sealed class StrictJsonReader
{
    private readonly ICollection<ValidationError> _errors;

    public StrictJsonReader(ICollection<ValidationError> errors) => _errors = errors;

    public int ErrorCount => _errors.Count;

    public void Error(string path, string message) => _errors.Add(new ValidationError(path, message));

    /// <summary>The known properties of an object, in document order; reports the object's wrong type, unknown and duplicate names.</summary>
    public IEnumerable<(string Name, JsonElement Value, string Path)> Properties(JsonElement value, string path, IReadOnlyCollection<string> known)
    {
        if (!Expect(value, path, JsonValueKind.Object))
        {
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var propertyPath = JsonPathText.Property(path, property.Name);
            if (!seen.Add(property.Name))
            {
                Error(propertyPath, $"duplicate property '{property.Name}'; keep one");
                continue;
            }
            if (!known.Contains(property.Name))
            {
                var suggestion = Suggestions.DidYouMean(property.Name, known);
                Error(propertyPath, $"unknown property{(suggestion.Length > 0 ? suggestion : KnownList(known))}");
                continue;
            }
            yield return (property.Name, property.Value, propertyPath);
        }
    }

    /// <summary>Every property of an object (for maps such as <c>inputs</c>), reporting duplicates.</summary>
    public IEnumerable<(string Name, JsonElement Value, string Path)> Map(JsonElement value, string path)
    {
        if (!Expect(value, path, JsonValueKind.Object))
        {
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var propertyPath = JsonPathText.Property(path, property.Name);
            if (!seen.Add(property.Name))
            {
                Error(propertyPath, $"duplicate property '{property.Name}'; keep one");
                continue;
            }
            yield return (property.Name, property.Value, propertyPath);
        }
    }

    public IEnumerable<(JsonElement Value, string Path)> Items(JsonElement value, string path)
    {
        if (!Expect(value, path, JsonValueKind.Array))
        {
            yield break;
        }
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            yield return (item, JsonPathText.Index(path, index++));
        }
    }

    public string? String(JsonElement value, string path) =>
        Expect(value, path, JsonValueKind.String) ? value.GetString() : null;

    public double? Number(JsonElement value, string path) =>
        Expect(value, path, JsonValueKind.Number) ? value.GetDouble() : null;

    public int? Integer(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            Error(path, $"expected integer, got {JsonValueText.Describe(value)}");
            return null;
        }
        if (value.TryGetInt32(out var integer))
        {
            return integer;
        }
        var number = value.GetDouble();
        if (Math.Floor(number) == number && number is >= int.MinValue and <= int.MaxValue)
        {
            return (int)number;
        }
        Error(path, $"expected integer, got {JsonValueText.Describe(value)}");
        return null;
    }

    public bool? Boolean(JsonElement value, string path) =>
        Expect(value, path, JsonValueKind.True) ? value.GetBoolean() : null;

    /// <summary>An object value kept as is (cloned, so it outlives its document).</summary>
    public JsonElement? Object(JsonElement value, string path) =>
        Expect(value, path, JsonValueKind.Object) ? value.Clone() : null;

    public IReadOnlyList<string> StringArray(JsonElement value, string path)
    {
        var result = new List<string>();
        foreach (var (item, itemPath) in Items(value, path))
        {
            if (String(item, itemPath) is { } text)
            {
                result.Add(text);
            }
        }
        return result;
    }

    /// <summary>Checks the kind (<see cref="JsonValueKind.True"/> stands for any boolean); reports <c>expected X, got Y</c>.</summary>
    public bool Expect(JsonElement value, string path, JsonValueKind kind)
    {
        var matches = kind == JsonValueKind.True
            ? value.ValueKind is JsonValueKind.True or JsonValueKind.False
            : value.ValueKind == kind;
        if (!matches)
        {
            var expected = kind switch
            {
                JsonValueKind.Object => "object",
                JsonValueKind.Array => "array",
                JsonValueKind.String => "string",
                JsonValueKind.Number => "number",
                _ => "boolean",
            };
            Error(path, $"expected {expected}, got {JsonValueText.Describe(value)}");
        }
        return matches;
    }

    private static string KnownList(IReadOnlyCollection<string> known) =>
        $" (allowed: {string.Join(", ", known)})";
}
