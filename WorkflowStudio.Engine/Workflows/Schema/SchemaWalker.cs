using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowStudio.Engine.Workflows.Bindings;
using WorkflowStudio.Engine.Workflows.Json;

namespace WorkflowStudio.Engine.Workflows.Schema;

/// <summary>The recursive checks behind <see cref="JsonSchemaChecker"/>; one instance per check (it holds the root for <c>$ref</c>).</summary>
internal sealed partial class SchemaWalker
{
    /// <summary>Bounds <c>$ref</c> recursion in self-referencing schemas (the JSON itself is bounded by the parser).</summary>
    private const int MaxDepth = 128;
    private const int MaxEnumValuesShown = 10;
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    private readonly JsonElement _root;
    private readonly bool _deferBindings;

    public SchemaWalker(JsonElement root, bool deferBindings)
    {
        _root = root;
        _deferBindings = deferBindings;
    }

    public void Check(JsonElement schema, JsonElement value, string path, List<ValidationError> errors, int depth)
    {
        if (depth > MaxDepth || schema.ValueKind == JsonValueKind.True)
        {
            return;
        }
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add(new ValidationError(path, $"no value is allowed here, got {JsonValueText.Describe(value)}"));
            return;
        }
        if (schema.ValueKind != JsonValueKind.Object || (_deferBindings && BindingScanner.IsBound(value)))
        {
            return;
        }
        if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String
            && Resolve(reference.GetString()!) is { } target)
        {
            Check(target, value, path, errors, depth + 1);
        }
        if (!CheckType(schema, value, path, errors))
        {
            return; // every other keyword would only repeat the type mismatch
        }
        CheckConstAndEnum(schema, value, path, errors);
        switch (value.ValueKind)
        {
            case JsonValueKind.Number: CheckNumber(schema, value, path, errors); break;
            case JsonValueKind.String: CheckString(schema, value, path, errors); break;
            case JsonValueKind.Array: CheckArray(schema, value, path, errors, depth); break;
            case JsonValueKind.Object: CheckObject(schema, value, path, errors, depth); break;
        }
        CheckCombinators(schema, value, path, errors, depth);
    }

    private static bool CheckType(JsonElement schema, JsonElement value, string path, List<ValidationError> errors)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return true;
        }
        var types = type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList(),
            _ => new List<string>(),
        };
        if (types.Count == 0 || types.Any(t => JsonSchemaChecker.IsOfType(value, t)))
        {
            return true;
        }
        errors.Add(new ValidationError(path, $"expected {JsonValueText.OrList(types)}, got {JsonValueText.Describe(value)}"));
        return false;
    }

    private static void CheckConstAndEnum(JsonElement schema, JsonElement value, string path, List<ValidationError> errors)
    {
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add(new ValidationError(path, $"must be {JsonValueText.Literal(constant)}; got {JsonValueText.Literal(value)}"));
        }
        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array
            && !options.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
        {
            var shown = options.EnumerateArray().Take(MaxEnumValuesShown).Select(JsonValueText.Literal).ToList();
            var more = options.GetArrayLength() > MaxEnumValuesShown ? $" (and {options.GetArrayLength() - MaxEnumValuesShown} more)" : string.Empty;
            errors.Add(new ValidationError(path, $"must be one of {string.Join(", ", shown)}{more}; got {JsonValueText.Literal(value)}"));
        }
    }

    private static void CheckNumber(JsonElement schema, JsonElement value, string path, List<ValidationError> errors)
    {
        var number = value.GetDouble();
        var got = value.GetRawText();
        var exclusiveMinimumFlag = schema.TryGetProperty("exclusiveMinimum", out var exMin) && exMin.ValueKind == JsonValueKind.True;
        var exclusiveMaximumFlag = schema.TryGetProperty("exclusiveMaximum", out var exMax) && exMax.ValueKind == JsonValueKind.True;
        if (Number(schema, "minimum") is { } minimum)
        {
            if (exclusiveMinimumFlag ? number <= minimum : number < minimum)
            {
                errors.Add(new ValidationError(path, $"must be {(exclusiveMinimumFlag ? "greater than" : "at least")} {Format(minimum)}, got {got}"));
            }
        }
        if (Number(schema, "maximum") is { } maximum)
        {
            if (exclusiveMaximumFlag ? number >= maximum : number > maximum)
            {
                errors.Add(new ValidationError(path, $"must be {(exclusiveMaximumFlag ? "less than" : "at most")} {Format(maximum)}, got {got}"));
            }
        }
        if (Number(schema, "exclusiveMinimum") is { } lower && number <= lower)
        {
            errors.Add(new ValidationError(path, $"must be greater than {Format(lower)}, got {got}"));
        }
        if (Number(schema, "exclusiveMaximum") is { } upper && number >= upper)
        {
            errors.Add(new ValidationError(path, $"must be less than {Format(upper)}, got {got}"));
        }
    }

    private static void CheckString(JsonElement schema, JsonElement value, string path, List<ValidationError> errors)
    {
        var text = value.GetString()!;
        var length = text.EnumerateRunes().Count(); // JSON Schema counts code points
        if (Number(schema, "minLength") is { } minLength && length < minLength)
        {
            errors.Add(new ValidationError(path, $"must be at least {Format(minLength)} character(s) long, got {length}"));
        }
        if (Number(schema, "maxLength") is { } maxLength && length > maxLength)
        {
            errors.Add(new ValidationError(path, $"must be at most {Format(maxLength)} character(s) long, got {length}"));
        }
        if (schema.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String
            && Matches(text, pattern.GetString()!) == false)
        {
            errors.Add(new ValidationError(path, $"must match the pattern '{pattern.GetString()}'; got {JsonValueText.Literal(value)}"));
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> matches; null when the pattern cannot be used here (not valid .NET syntax,
    /// or too slow): a tool's broken schema must not block workflows, so that keyword is not checked.
    /// </summary>
    private static bool? Matches(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, PatternTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private JsonElement? Resolve(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            return null; // remote references are not fetched
        }
        var current = _root;
        foreach (var raw in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }
        return current;
    }

    private static double? Number(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string Format(double number) => number.ToString(CultureInfo.InvariantCulture);
}
