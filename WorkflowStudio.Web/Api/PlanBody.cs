using System.ComponentModel;
using System.Text.Json;

namespace WorkflowStudio.Web.Api;

/// <summary><c>POST /api/plan</c>: a request in words to plan without running it.</summary>
internal sealed record PlanBody
{
    [Description("What to do, in words.")]
    public string? Request { get; init; }

    [Description("Values for the workflow's inputs.")]
    public Dictionary<string, JsonElement>? Inputs { get; init; }

    [Description("A template id to start from (see GET /api/templates).")]
    public string? Template { get; init; }
}
