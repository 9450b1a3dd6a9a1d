using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Templates;

/// <summary>A gallery entry: a ready workflow with a title, description and tags.</summary>
public sealed record WorkflowTemplate
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public required WorkflowDefinition Workflow { get; init; }
}
