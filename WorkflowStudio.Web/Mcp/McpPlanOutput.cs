using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkflowStudio.Web.Mcp;

/// <summary>
/// The answer of <c>plan_workflow</c>: the workflow (run it with run_workflow), or why there is none. Nullable members are
/// written as null, not left out: the output schema requires every member.
/// </summary>
internal sealed record McpPlanOutput(
    [property: JsonPropertyName("planned")] bool Planned,
    [property: JsonPropertyName("planner")] string Planner,
    [property: JsonPropertyName("explanation"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Explanation,
    [property: JsonPropertyName("workflow"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonObject? Workflow,
    [property: JsonPropertyName("estimated_duration_ms"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? EstimatedDurationMs,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors);
