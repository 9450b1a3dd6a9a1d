using System.Text.Json;

namespace WorkflowStudio.Engine.Tools;

/// <summary>A tool as the catalog knows it: MCP shape, whichever server provides it.</summary>
public sealed record ToolDescriptor
{
    public required string Server { get; init; }
    public required string Name { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }

    /// <summary>The tool's input JSON Schema (an object schema).</summary>
    public required JsonElement InputSchema { get; init; }
    public JsonElement? OutputSchema { get; init; }
    public ToolAnnotations Annotations { get; init; } = ToolAnnotations.Unknown;

    public string FullName => $"{Server}/{Name}";
}
