using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows;

/// <summary>A declared workflow input. An input without a default is required.</summary>
public sealed record WorkflowInput
{
    /// <summary>JSON type: string, number, integer, boolean, object or array.</summary>
    public string Type { get; init; } = "string";
    public JsonElement? Default { get; init; }
    public string? Description { get; init; }
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsRequired => Default is null;
}
