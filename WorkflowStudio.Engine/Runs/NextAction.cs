using System.Text.Json;
using WorkflowStudio.Engine.Execution;

namespace WorkflowStudio.Engine.Runs;

/// <summary>A concrete suggestion: what to do, with which tool or template and inputs, and why.</summary>
public sealed record NextAction
{
    public required string Action { get; init; }
    public string? Tool { get; init; }
    public string? Template { get; init; }
    public string? Node { get; init; }
    public JsonElement? Inputs { get; init; }
    public required string Reason { get; init; }
}
