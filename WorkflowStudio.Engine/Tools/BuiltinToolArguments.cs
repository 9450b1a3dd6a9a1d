using System.Text.Json;

namespace WorkflowStudio.Engine.Tools;

/// <summary>Argument checks shared by built-in tools; each returns an error message or null.</summary>
internal static class BuiltinToolArguments
{
    /// <summary>Arguments nested deeper than this are refused (System.Text.Json's own default depth).</summary>
    public const int MaxDepth = 64;

    /// <summary>Error messages are cut here: they may quote arguments, which can be megabytes long.</summary>
    public const int MaxErrorChars = 2000;

    /// <summary>Schema mismatches named one by one before the rest are only counted.</summary>
    public const int MaxListedErrors = 10;

    /// <summary>Where the arguments nest deeper than <see cref="MaxDepth"/>, or null. Iterative: no depth can exhaust the stack.</summary>
    public static string? TooDeep(JsonElement arguments, string tool)
    {
        var pending = new Stack<(JsonElement Value, string Path, int Depth)>();
        pending.Push((arguments, "$", 1));
        while (pending.Count > 0)
        {
            var (value, path, depth) = pending.Pop();
            if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                continue;
            }
            if (depth > MaxDepth)
            {
                return $"{tool}: the arguments nest more than {MaxDepth} levels deep (at {Clip(path, 200)}); flatten the value or pass it as text.";
            }
            if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in value.EnumerateObject())
                {
                    pending.Push((property.Value, $"{path}.{property.Name}", depth + 1));
                }
            }
            else
            {
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    pending.Push((item, depth < 8 ? $"{path}[{index}]" : path + "[…]", depth + 1));
                    index++;
                }
            }
        }
        return null;
    }

    /// <summary>The mismatches, the first <see cref="MaxListedErrors"/> by name and the rest counted.</summary>
    public static string Mismatches<T>(IReadOnlyList<T> errors)
    {
        var listed = string.Join("; ", errors.Take(MaxListedErrors).Select(e => e?.ToString()));
        return errors.Count > MaxListedErrors ? $"{listed}; and {errors.Count - MaxListedErrors} more" : listed;
    }

    /// <summary>The text cut at <paramref name="max"/> characters, saying how many were left out.</summary>
    public static string Clip(string text, int max = MaxErrorChars) =>
        text.Length <= max ? text : $"{text[..max]}… [{text.Length - max} more characters]";

    public static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Names every argument the tool does not know.</summary>
    public static string? Unexpected(JsonElement arguments, string tool, params string[] known)
    {
        var unknown = arguments.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0
            ? null
            : $"{tool}: unexpected argument{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(n => $"'{n}'"))} (accepted: {string.Join(", ", known)}).";
    }
}
