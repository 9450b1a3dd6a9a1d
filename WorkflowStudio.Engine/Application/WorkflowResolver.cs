using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Application;

/// <summary>
/// Turns an orchestrate request into a workflow: a given <c>workflow</c>, the seed's <c>orchestration</c>, a
/// <c>template</c> alone, or a <c>request</c> in words through <see cref="IWorkflowPlanner"/> (from the template when given).
/// </summary>
internal sealed class WorkflowResolver(IWorkflowPlanner planner, ITemplateCatalog templates, IToolCatalog catalog)
{
    /// <summary>The workflow a request describes, loaded and validated against <paramref name="tenant"/>'s tools.</summary>
    public async ValueTask<ResolvedWorkflow> ResolveAsync(TenantId tenant, string? request, IReadOnlyDictionary<string, JsonElement>? inputs, string? templateId,
        JsonElement? workflow, JsonElement? orchestration, CancellationToken cancellationToken)
    {
        if (workflow is not null && orchestration is not null)
        {
            return new ResolvedWorkflow { Problem = "Give either 'workflow' (our format) or 'orchestration' (the seed's format), not both." };
        }
        if (workflow is { } document)
        {
            return await LoadAsync(document.GetRawText(), inputs, tenant, cancellationToken);
        }
        if (orchestration is { } seed)
        {
            var root = new JsonObject { ["request"] = request ?? "", ["orchestration"] = JsonNode.Parse(seed.GetRawText()) };
            return await LoadAsync(root.ToJsonString(), inputs, tenant, cancellationToken);
        }
        if (string.IsNullOrWhiteSpace(request))
        {
            if (templateId is null)
            {
                return new ResolvedWorkflow { Problem = "Give 'request' (words to plan), 'template', 'workflow' or 'orchestration'." };
            }
            var template = templates.Find(templateId);
            return template is null
                ? new ResolvedWorkflow { Problem = $"No template '{templateId}'; GET /api/templates lists them." }
                : new ResolvedWorkflow { Workflow = template.Workflow, Inputs = RunStarter.InputsFor(template.Workflow, inputs) };
        }
        if (templateId is not null && templates.Find(templateId) is null)
        {
            return new ResolvedWorkflow { Problem = $"No template '{templateId}'; GET /api/templates lists them." };
        }
        var plan = await planner.PlanAsync(new PlanRequest
        {
            Request = request, TemplateId = templateId, Inputs = inputs ?? new Dictionary<string, JsonElement>(),
        }, cancellationToken);
        if (!plan.Succeeded)
        {
            return new ResolvedWorkflow { Plan = plan, Problem = $"No valid plan for the request: {string.Join("; ", plan.Errors)}" };
        }
        // The planner already made the given inputs the plan's defaults.
        return new ResolvedWorkflow { Workflow = plan.Workflow, Plan = plan, Inputs = RunStarter.InputsFor(plan.Workflow!, inputs) };
    }

    /// <summary>
    /// As <see cref="ResolveAsync"/>, for a request that runs at once (orchestrate): a plan the planner is not sure of
    /// (<see cref="PlanConfidence.IsWeak"/>) is refused with what to do instead, never run unasked.
    /// </summary>
    public async ValueTask<ResolvedWorkflow> ResolveToRunAsync(TenantId tenant, string? request, IReadOnlyDictionary<string, JsonElement>? inputs, string? templateId,
        JsonElement? workflow, JsonElement? orchestration, CancellationToken cancellationToken)
    {
        var resolved = await ResolveAsync(tenant, request, inputs, templateId, workflow, orchestration, cancellationToken);
        return resolved is { Workflow: not null, Plan.Confidence: { } confidence } && confidence.RefusalToRun() is { } refusal
            ? new ResolvedWorkflow { Plan = resolved.Plan, Problem = refusal }
            : resolved;
    }

    private async ValueTask<ResolvedWorkflow> LoadAsync(string json, IReadOnlyDictionary<string, JsonElement>? inputs, TenantId tenant, CancellationToken cancellationToken)
    {
        var loaded = await WorkflowLoader.LoadAsync(json, catalog.ForTenant(tenant.Value), cancellationToken);
        return loaded.Succeeded
            ? new ResolvedWorkflow { Workflow = loaded.Workflow, Inputs = RunStarter.InputsFor(loaded.Workflow!, inputs) }
            : new ResolvedWorkflow { Errors = loaded.Errors };
    }
}
