using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows;

/// <summary>Input values parsed from <c>NAME=VALUE</c> strings, defaults applied, and the problems found.</summary>
public sealed record InputParseResult(IReadOnlyDictionary<string, JsonElement> Values, IReadOnlyList<ValidationError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
