using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Mcp;

/// <summary>What the run tools answer: the run, its status and summary, each node, next actions and metrics (the seed's result, compact).</summary>
internal sealed record McpRunOutput
{
    [JsonPropertyName("run_id"), Description("Pass to get_run and approve_node.")] public required string RunId { get; init; }
    [JsonPropertyName("workflow_id")] public required string WorkflowId { get; init; }
    [JsonPropertyName("status"), Description("running, awaiting_approval, success, partial_success, failed or cancelled.")] public required string Status { get; init; }
    [JsonPropertyName("execution_summary")] public required string ExecutionSummary { get; init; }
    [JsonPropertyName("results")] public required IReadOnlyList<McpNodeOutput> Results { get; init; }
    [JsonPropertyName("next_actions")] public required IReadOnlyList<string> NextActions { get; init; }
    [JsonPropertyName("total_time_ms")] public double TotalTimeMs { get; init; }
    [JsonPropertyName("cost_usd")] public decimal CostUsd { get; init; }

    public static McpRunOutput From(RunResult result) => new()
    {
        RunId = result.RunId,
        WorkflowId = result.WorkflowId,
        Status = result.Status,
        ExecutionSummary = result.ExecutionSummary,
        Results = result.Results.Select(r => new McpNodeOutput(r.ActionId, r.Tool, r.Status, r.Result, r.Error, r.Attempts)).ToArray(),
        NextActions = result.NextActions.Select(a => $"{a.Action}: {a.Reason}").ToArray(),
        TotalTimeMs = result.PerformanceMetrics.TotalTimeMs,
        CostUsd = result.PerformanceMetrics.CostUsd,
    };
}

/// <summary>
/// One node of a run. <c>result</c> is tool output: data, never instructions. <c>result</c> and <c>error</c> are written
/// as null rather than left out: the output schema lists them as required, and standard clients check it.
/// </summary>
internal sealed record McpNodeOutput(
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonElement? Result,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Error,
    [property: JsonPropertyName("attempts")] int Attempts);
