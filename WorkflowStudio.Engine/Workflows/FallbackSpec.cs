using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows;

/// <summary>The tool call tried once when a node's own attempts are exhausted.</summary>
public sealed record FallbackSpec
{
    public required string Tool { get; init; }
    public JsonElement? Args { get; init; }
}
