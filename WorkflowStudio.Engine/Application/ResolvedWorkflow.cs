using System.Text.Json;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Application;

/// <summary>The workflow an orchestrate request stands for, its inputs and its plan (when planned); or why there is none.</summary>
internal sealed record ResolvedWorkflow
{
    public WorkflowDefinition? Workflow { get; init; }
    public IReadOnlyDictionary<string, JsonElement> Inputs { get; init; } = new Dictionary<string, JsonElement>();
    public PlanResult? Plan { get; init; }
    public IReadOnlyList<ValidationError> Errors { get; init; } = [];
    public string? Problem { get; init; }
}
