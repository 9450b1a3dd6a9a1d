using System.Text.Json;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Planning;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// The answer of <c>POST /api/plan</c>: the workflow (post it to <c>/api/orchestrate</c> as <c>workflow</c>), its estimates,
/// its price for the caller's tier (the figure the ledger bills, with its parts), and how sure the planner is
/// (<see cref="Confidence"/>: a weak one is a "closest match", not an answer); or why there is none.
/// </summary>
internal sealed record PlanAnswer(
    bool Planned, string Planner, string? Explanation, JsonElement? Workflow, PlanMetadata? Metadata, RunPrice? Price,
    PlanConfidence? Confidence, IReadOnlyList<string> Errors);
