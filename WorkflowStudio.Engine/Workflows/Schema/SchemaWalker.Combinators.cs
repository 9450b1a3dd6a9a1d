using System.Text.Json;
using WorkflowStudio.Engine.Workflows.Json;

namespace WorkflowStudio.Engine.Workflows.Schema;

internal sealed partial class SchemaWalker
{
    private void CheckCombinators(JsonElement schema, JsonElement value, string path, List<ValidationError> errors, int depth)
    {
        if (Branches(schema, "allOf") is { } all)
        {
            foreach (var branch in all)
            {
                Check(branch, value, path, errors, depth + 1);
            }
        }
        if (Branches(schema, "anyOf") is { } any)
        {
            var results = any.Select(b => Run(b, value, path, depth)).ToList();
            if (!results.Any(r => r.Count == 0))
            {
                errors.AddRange(Explain(results, value, path, "anyOf"));
            }
        }
        if (Branches(schema, "oneOf") is { } one)
        {
            var results = one.Select(b => Run(b, value, path, depth)).ToList();
            var passing = results.Select((r, i) => (r, i)).Where(p => p.r.Count == 0).Select(p => p.i + 1).ToList();
            if (passing.Count == 0)
            {
                errors.AddRange(Explain(results, value, path, "oneOf"));
            }
            else if (passing.Count > 1)
            {
                errors.Add(new ValidationError(path,
                    $"matches {passing.Count} of the oneOf alternatives ({string.Join(", ", passing)}); it must match exactly one"));
            }
        }
        if (schema.TryGetProperty("not", out var not) && Run(not, value, path, depth).Count == 0)
        {
            errors.Add(new ValidationError(path, $"must not match the schema under 'not', got {JsonValueText.Describe(value)}"));
        }
        if (schema.TryGetProperty("if", out var condition))
        {
            var branch = Run(condition, value, path, depth).Count == 0 ? "then" : "else";
            if (schema.TryGetProperty(branch, out var consequence))
            {
                Check(consequence, value, path, errors, depth + 1);
            }
        }
    }

    private List<ValidationError> Run(JsonElement schema, JsonElement value, string path, int depth)
    {
        var errors = new List<ValidationError>();
        Check(schema, value, path, errors, depth + 1);
        return errors;
    }

    /// <summary>
    /// Why no alternative matched. When exactly one alternative has the value's type (the others fail on type
    /// at this very path), its own errors are the useful ones; otherwise one line sums up every alternative.
    /// </summary>
    private static IEnumerable<ValidationError> Explain(List<List<ValidationError>> results, JsonElement value, string path, string keyword)
    {
        var typed = results.Where(r => !r.Any(e => e.Path == path && e.Message.StartsWith("expected ", StringComparison.Ordinal))).ToList();
        if (typed.Count == 1)
        {
            return typed[0];
        }
        var reasons = results.Select((r, i) => $"[{i + 1}] {Summary(r, path)}");
        return [new ValidationError(path,
            $"matches none of the {results.Count} {keyword} alternatives, got {JsonValueText.Describe(value)}: {string.Join("; ", reasons)}")];
    }

    private static string Summary(List<ValidationError> errors, string path)
    {
        var first = errors[0];
        var where = first.Path == path ? string.Empty
            : first.Path.StartsWith(path, StringComparison.Ordinal) ? $"{first.Path[path.Length..].TrimStart('.')}: " : $"{first.Path}: ";
        return $"{where}{first.Message}";
    }

    private static List<JsonElement>? Branches(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0
            ? [.. list.EnumerateArray()]
            : null;
}
