using System.Text.Json;
using WorkflowStudio.Engine.Workflows.Json;
using WorkflowStudio.Engine.Workflows.Schema;

namespace WorkflowStudio.Engine.Workflows;

/// <summary>
/// Turns command-line <c>--input NAME=VALUE</c> strings into JSON values using each input's declared type: a
/// string input takes the text as is; number, integer, boolean, object and array inputs parse it as JSON.
/// Declared inputs not given get their default. Names the workflow does not declare are kept as strings, so
/// <see cref="WorkflowValidator"/> reports them together with every other problem.
/// </summary>
public static class InputParser
{
    private const int MaxShownValueLength = 40;

    public static InputParseResult Parse(WorkflowDefinition workflow, IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(assignments);
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var errors = new List<ValidationError>();
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add(new ValidationError($"--input {assignment}", "expected NAME=VALUE, e.g. --input period=Q3_2024"));
                continue;
            }
            var name = assignment[..equals].Trim();
            var text = assignment[(equals + 1)..];
            var path = $"--input {name}={Shorten(text)}";
            if (values.ContainsKey(name))
            {
                errors.Add(new ValidationError(path, $"input '{name}' is given more than once; keep one"));
                continue;
            }
            var type = workflow.Inputs.TryGetValue(name, out var input) ? input.Type : "string";
            if (Convert(text, type, out var value, out var error))
            {
                values[name] = value;
            }
            else
            {
                errors.Add(new ValidationError(path, error!));
            }
        }
        foreach (var (name, input) in workflow.Inputs)
        {
            if (!values.ContainsKey(name) && input.Default is { } fallback)
            {
                values[name] = fallback;
            }
        }
        return new InputParseResult(values, errors);
    }

    private static bool Convert(string text, string type, out JsonElement value, out string? error)
    {
        error = null;
        if (type is not ("number" or "integer" or "boolean" or "object" or "array"))
        {
            // Strings, and inputs of an unknown declared type (the validator reports the type).
            value = JsonSerializer.SerializeToElement(text);
            return true;
        }
        try
        {
            using var document = JsonDocument.Parse(text, JsonText.DocumentOptions);
            value = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            value = default;
            var at = exception.BytePositionInLine is { } column ? $" at character {column + 1}" : string.Empty;
            error = $"expected {Example(type)}, but the value is not valid JSON{at}";
            return false;
        }
        if (JsonSchemaChecker.IsOfType(value, type))
        {
            return true;
        }
        error = $"expected {Example(type)}, got {JsonValueText.Describe(value)}";
        return false;
    }

    private static string Example(string type) => type switch
    {
        "number" => "a number such as 3 or 2.5",
        "integer" => "an integer such as 3",
        "boolean" => "true or false",
        "object" => "a JSON object such as {\"a\":1}",
        "array" => "a JSON array such as [1,2]",
        _ => $"a value of type '{type}'",
    };

    private static string Shorten(string text) =>
        text.Length <= MaxShownValueLength ? text : string.Concat(text.AsSpan(0, MaxShownValueLength - 1), "…");
}
