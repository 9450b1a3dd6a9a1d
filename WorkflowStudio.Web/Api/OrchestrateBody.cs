using System.ComponentModel;
using System.Text.Json;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// <c>POST /api/orchestrate</c>: a request in words (planned), a template, a full workflow, or the seed's
/// <c>orchestration</c> format; <c>mode</c> sync (wait for the result) or async (202 + Location).
/// </summary>
internal sealed record OrchestrateBody
{
    [Description("What to do, in words; planned into a workflow unless 'workflow' or 'orchestration' is given.")]
    public string? Request { get; init; }

    [Description("Values for the workflow's inputs.")]
    public Dictionary<string, JsonElement>? Inputs { get; init; }

    [Description("A template id to start from (see GET /api/templates).")]
    public string? Template { get; init; }

    [Description("sync (default): answer with the result; async: 202 with Location /api/runs/{id}.")]
    public string? Mode { get; init; }

    [Description("fail (default): a node that fails for good fails the run. replan: the planner repairs the not-yet-run part of the graph (the workflow's maxReplans, default 2).")]
    public string? OnFailure { get; init; }

    [Description("A full workflow in WorkflowStudio's format (docs/workflow-format.md).")]
    public JsonElement? Workflow { get; init; }

    [Description("The seed's orchestration object ({ \"actions\": [...] }), with 'request'.")]
    public JsonElement? Orchestration { get; init; }
}
