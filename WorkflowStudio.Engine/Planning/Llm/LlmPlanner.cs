using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Planning.Ranking;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning.Llm;

/// <summary>
/// Plans with a language model: the request, the given inputs and the (narrowed) tool catalog go out as data, a
/// workflow in our format comes back (structured output where the server supports it; a ```json fence is fine),
/// and it is validated and repaired with the validator's own errors until valid or out of rounds.
/// </summary>
internal sealed class LlmPlanner : IWorkflowPlanner, IWorkflowReplanner
{
    public const string Name = "llm";

    private readonly ModelCaller _caller;
    private readonly IToolCatalog _tools;
    private readonly ITemplateCatalog _templates;
    private readonly IPlanEstimator _estimator;
    private readonly LlmOptions _options;

    public LlmPlanner(ModelCaller caller, IToolCatalog tools, ITemplateCatalog templates, IPlanEstimator estimator, IOptions<LlmOptions> options)
    {
        _caller = caller;
        _tools = tools;
        _templates = templates;
        _estimator = estimator;
        _options = options.Value;
    }

    public async ValueTask<PlanResult> PlanAsync(PlanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var planId = Offline.TemplatePlanner.NewPlanId();
        var snapshot = await ToolCatalogReader.ReadAsync(_tools, cancellationToken);
        WorkflowTemplate? template = null;
        if (request.TemplateId is { } id && (template = _templates.Find(id)) is null)
        {
            return new PlanResult
            {
                Planner = Name, PlanId = planId, Warnings = snapshot.Unavailable,
                Errors = [$"There is no template '{id}'. Templates: {string.Join(", ", _templates.Templates.Select(t => t.Id))}."],
            };
        }
        var tools = ToolRanker.Narrow(request.Request, snapshot.Tools, _options.MaxCatalogTools);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, $"{PlannerPrompt.System}\n{PromptData.Rule}"),
            new(ChatRole.User, PlannerPrompt.Plan(request, tools, template)),
        ];
        var outcome = await PlanConversation.RunAsync(_caller, messages,
            new ChatUsage { Purpose = UsagePurpose.Planning, PlanId = planId }, _options.MaxRepairRounds, _tools,
            workflow => request.Inputs.Keys.Where(k => !workflow.Inputs.ContainsKey(k))
                .Select(k => new ValidationError("$.inputs", $"declare the input '{k}': the user gave a value for it")),
            cancellationToken);
        var warnings = tools.Count < snapshot.Tools.Count
            ? [.. snapshot.Unavailable, $"the catalog was narrowed to {tools.Count} of {snapshot.Tools.Count} tools for the prompt (Llm:MaxCatalogTools)"]
            : snapshot.Unavailable;
        if (outcome.Workflow is null)
        {
            return new PlanResult { Planner = Name, PlanId = planId, Errors = outcome.Errors, Usage = outcome.Usage, Warnings = warnings };
        }
        var workflow = outcome.Workflow with
        {
            Inputs = outcome.Workflow.Inputs.ToDictionary(
                p => p.Key,
                p => request.Inputs.TryGetValue(p.Key, out var given) ? p.Value with { Default = InputCoercion.Coerce(given, p.Value.Type) } : p.Value,
                StringComparer.Ordinal),
        };
        return new PlanResult
        {
            Planner = Name,
            PlanId = planId,
            Workflow = workflow,
            Metadata = await _estimator.EstimateAsync(workflow, cancellationToken),
            Explanation = $"{workflow.Description ?? "planned by the model"} ({outcome.Calls} model call{(outcome.Calls == 1 ? "" : "s")})",
            Usage = outcome.Usage,
            Warnings = warnings,
        };
    }

    public async ValueTask<ReplanResult> ReplanAsync(ReplanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ReplanRules.Check(request) is { } problem)
        {
            return new ReplanResult { Planner = Name, Errors = [problem], Revision = request.Revision };
        }
        var snapshot = await ToolCatalogReader.ReadAsync(_tools, cancellationToken);
        var failed = request.Workflow.FindNode(request.FailedNode)!;
        var query = $"{request.Request} {request.Workflow.Description} {failed.Tool} {failed.Description}";
        var tools = ToolRanker.Narrow(query, snapshot.Tools, _options.MaxCatalogTools);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, $"{ReplanPrompt.System}\n{PromptData.Rule}"),
            new(ChatRole.User, ReplanPrompt.Build(request, tools)),
        ];
        var outcome = await PlanConversation.RunAsync(_caller, messages,
            new ChatUsage { Purpose = UsagePurpose.Replanning, RunId = request.RunId, TenantId = request.TenantId }, _options.MaxRepairRounds, _tools,
            workflow => ReplanRules.Violations(request, workflow, snapshot.Tools), cancellationToken);
        if (outcome.Workflow is not { } revised)
        {
            return new ReplanResult { Planner = Name, Errors = outcome.Errors, Usage = outcome.Usage, Revision = request.Revision };
        }
        var diff = WorkflowDiff.Compute(request.Workflow, revised);
        return new ReplanResult
        {
            Planner = Name,
            Workflow = revised,
            Diff = diff,
            PendingNodes = ReplanRules.Pending(revised, request),
            Explanation = $"{revised.Description ?? "revised by the model"}; {diff}",
            Revision = request.Revision,
            Usage = outcome.Usage,
        };
    }
}
