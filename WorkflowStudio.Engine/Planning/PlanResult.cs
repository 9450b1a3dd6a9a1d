using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning;

/// <summary>A planner's answer: a valid workflow with its metadata, or the reasons there is none.</summary>
public sealed record PlanResult
{
    public WorkflowDefinition? Workflow { get; init; }
    public PlanMetadata? Metadata { get; init; }
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Which planner answered (<c>template</c>, <c>llm</c>).</summary>
    public required string Planner { get; init; }

    /// <summary>Why this plan (template chosen and its score, or the model's rationale).</summary>
    public string? Explanation { get; init; }
    public bool Succeeded => Workflow is not null;
}
