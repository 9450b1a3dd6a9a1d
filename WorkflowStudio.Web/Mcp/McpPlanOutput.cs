using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Mcp;

/// <summary>
/// The answer of <c>plan_workflow</c>: the workflow (run it with run_workflow), or why there is none, and how sure the
/// planner is (<see cref="Confidence"/>). Nullable members are written as null, not left out: the output schema requires every member.
/// </summary>
internal sealed record McpPlanOutput(
    [property: JsonPropertyName("planned")] bool Planned,
    [property: JsonPropertyName("planner")] string Planner,
    [property: JsonPropertyName("explanation"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Explanation,
    [property: JsonPropertyName("workflow"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonObject? Workflow,
    [property: JsonPropertyName("estimated_duration_ms"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? EstimatedDurationMs,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors)
{
    /// <summary>
    /// How sure the planner is and what it matched (null when it cannot say: a model's plan, a template asked for by id).
    /// A client should treat <c>weak: true</c> as "closest match, not a good fit": show it, do not run it unasked.
    /// </summary>
    [JsonPropertyName("confidence"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ConfidenceOutput? Confidence { get; init; }

    /// <summary>The price before Run for the default tier, in USD (the ledger's pricing; null when nothing was planned).</summary>
    [JsonPropertyName("estimated_cost_usd"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public decimal? EstimatedCostUsd { get; init; }

    /// <summary>The whole answer from a resolved request: plan, errors, confidence and price.</summary>
    public static McpPlanOutput From(ResolvedWorkflow resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        var plan = resolved.Plan;
        var workflow = resolved.Workflow is null ? null : JsonNode.Parse(WorkflowJson.Serialize(resolved.Workflow))!.AsObject();
        var errors = resolved.Errors.Select(e => e.ToString());
        return new McpPlanOutput(resolved.Workflow is not null, plan?.Planner ?? "template", plan?.Explanation, workflow,
            plan?.Metadata?.EstimatedDurationMs, resolved.Problem is { } problem ? [problem, .. errors] : errors.ToArray())
        {
            Confidence = ConfidenceOutput.Of(plan?.Confidence),
            EstimatedCostUsd = resolved.Workflow is null ? null : plan?.Metadata?.EstimatedCostUsd,
        };
    }

    /// <summary><see cref="PlanConfidence"/> as <c>plan_workflow</c> writes it.</summary>
    internal sealed record ConfidenceOutput(
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("weak")] bool Weak,
        [property: JsonPropertyName("confident_score")] double ConfidentScore,
        [property: JsonPropertyName("matched_kind")] string MatchedKind,
        [property: JsonPropertyName("matched_id")] string MatchedId,
        [property: JsonPropertyName("matched_title")] string MatchedTitle,
        [property: JsonPropertyName("matched_words")] IReadOnlyList<string> MatchedWords,
        [property: JsonPropertyName("unmatched_words")] IReadOnlyList<string> UnmatchedWords)
    {
        public static ConfidenceOutput? Of(PlanConfidence? confidence) => confidence is null ? null
            : new(confidence.Score, confidence.IsWeak, confidence.ConfidentScore, confidence.MatchedKind, confidence.MatchedId,
                confidence.MatchedTitle, confidence.MatchedWords, confidence.UnmatchedWords);
    }
}
