using System.Text.Json;
using WorkflowStudio.Engine.Execution;

namespace WorkflowStudio.Engine.Runs;

/// <summary>The seed-shaped answer to one orchestrated request (serialised in snake_case).</summary>
public sealed record RunResult
{
    public required string WorkflowId { get; init; }
    public required string RunId { get; init; }

    /// <summary>running, success, partial_success, failed or cancelled.</summary>
    public required string Status { get; init; }
    public required string ExecutionSummary { get; init; }
    public required IReadOnlyList<NodeResult> Results { get; init; }
    public required IReadOnlyList<NextAction> NextActions { get; init; }
    public required PerformanceMetrics PerformanceMetrics { get; init; }
    public JsonElement? Output { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Re-plans of the graph (workflows with <c>"onFailure": "replan"</c>), oldest first.</summary>
    public IReadOnlyList<RunRevision> Revisions { get; init; } = [];
}
