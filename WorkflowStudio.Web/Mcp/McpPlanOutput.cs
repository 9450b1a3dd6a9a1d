using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkflowStudio.Web.Mcp;

/// <summary>The answer of <c>plan_workflow</c>: the workflow (run it with run_workflow), or why there is none.</summary>
internal sealed record McpPlanOutput(
    [property: JsonPropertyName("planned")] bool Planned,
    [property: JsonPropertyName("planner")] string Planner,
    [property: JsonPropertyName("explanation")] string? Explanation,
    [property: JsonPropertyName("workflow")] JsonObject? Workflow,
    [property: JsonPropertyName("estimated_duration_ms")] double? EstimatedDurationMs,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors);
