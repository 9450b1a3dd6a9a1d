using System.Text.Json;
using WorkflowStudio.Engine.Workflows.Json;
using WorkflowStudio.Engine.Workflows.Schema;

namespace WorkflowStudio.Engine.Workflows.Validation;

internal sealed partial class ValidationRun
{
    internal static readonly string[] InputTypes = ["string", "number", "integer", "boolean", "object", "array"];

    private void CheckInputs(IReadOnlyDictionary<string, JsonElement>? provided)
    {
        foreach (var (name, input) in _workflow.Inputs)
        {
            var path = JsonPathText.Property("$.inputs", name);
            if (!IdPattern.IsMatch(name))
            {
                Error(path, $"'{name}' is not a valid input name: use letters, digits, '_' and '-', starting with a letter or '_'");
            }
            var typeKnown = InputTypes.Contains(input.Type, StringComparer.Ordinal);
            if (!typeKnown)
            {
                Error($"{path}.type", $"unknown type '{input.Type}'{Suggestions.DidYouMean(input.Type, InputTypes)} (use one of {string.Join(", ", InputTypes)})");
            }
            else if (input.Default is { } value && !JsonSchemaChecker.IsOfType(value, input.Type))
            {
                Error($"{path}.default", $"expected {input.Type}, got {JsonValueText.Describe(value)}");
            }
            if (provided is not null && input.IsRequired && !provided.ContainsKey(name))
            {
                Error(path, $"required input '{name}' was not given: pass --input {name}=VALUE");
            }
        }
    }

    private void CheckProvidedInputs(IReadOnlyDictionary<string, JsonElement>? provided)
    {
        if (provided is null)
        {
            return;
        }
        foreach (var (name, value) in provided)
        {
            var path = $"--input {name}=...";
            if (!_workflow.Inputs.TryGetValue(name, out var input))
            {
                Error(path, $"the workflow declares no input '{name}'{DeclaredInputs(name)}");
                continue;
            }
            var isDefault = input.Default is { } fallback && JsonElement.DeepEquals(fallback, value);
            if (!isDefault && InputTypes.Contains(input.Type, StringComparer.Ordinal) && !JsonSchemaChecker.IsOfType(value, input.Type))
            {
                Error(path, $"expected {input.Type}, got {JsonValueText.Describe(value)}");
            }
        }
    }
}
