namespace WorkflowStudio.Web.Studio;

/// <summary>One property of a tool's input schema as a form field. Enum values and the default are JSON text.</summary>
public sealed record SchemaField
{
    public required string Name { get; init; }
    public required SchemaFieldKind Kind { get; init; }
    public bool Required { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> EnumValues { get; init; } = [];
    public string? DefaultJson { get; init; }

    /// <summary>The JSON type name shown next to the field (<c>string</c>, <c>number</c>, <c>object</c>...).</summary>
    public string TypeName { get; init; } = "string";

    public string Label => Title ?? Name;
}
