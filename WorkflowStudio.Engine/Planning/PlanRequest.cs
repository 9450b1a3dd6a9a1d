using System.Text.Json;

namespace WorkflowStudio.Engine.Planning;

/// <summary>What to plan: a request in words, optional inputs, optionally a template to start from.</summary>
public sealed record PlanRequest
{
    public required string Request { get; init; }
    public IReadOnlyDictionary<string, JsonElement> Inputs { get; init; } = new Dictionary<string, JsonElement>();
    public string? TemplateId { get; init; }
}
