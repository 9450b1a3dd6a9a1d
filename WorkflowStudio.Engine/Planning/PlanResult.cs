using WorkflowStudio.Engine.Metering;
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

    /// <summary>
    /// How sure the planner is and what it matched; null when it cannot say (a model's plan, a template asked for by id).
    /// A weak one (<see cref="PlanConfidence.IsWeak"/>) is a suggestion: show it as "closest …", never as a success.
    /// </summary>
    public PlanConfidence? Confidence { get; init; }
    public bool Succeeded => Workflow is not null;

    /// <summary>Identifies the plan's usage records; pass it to <see cref="IUsageRecorder.AttachPlanToRunAsync"/> once a run executes it.</summary>
    public string PlanId { get; init; } = "";

    /// <summary>Tokens and cost the planning itself used (zero for the offline planner).</summary>
    public RunUsage Usage { get; init; } = RunUsage.None;

    /// <summary>Things the caller should know that did not stop the plan (e.g. a tool server that could not be reached).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
