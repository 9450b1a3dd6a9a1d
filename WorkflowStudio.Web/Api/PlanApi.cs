using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Api;

/// <summary><c>POST /api/plan</c>: plan a request without running it; the plan, its price for the caller's tier and the planner's confidence.</summary>
internal static class PlanApi
{
    public static RouteGroupBuilder MapPlanApi(this RouteGroupBuilder api)
    {
        api.MapPost("/plan", PlanAsync)
            .RequireAuthorization(StudioPolicies.Viewer)
            .WithName("Plan")
            .WithSummary("Plan a request into a workflow without running it: estimates, price (the figure billed) and how sure the planner is.");
        return api;
    }

    internal static async Task<Results<Ok<PlanAnswer>, ProblemHttpResult>> PlanAsync(
        PlanBody body, HttpContext context, WorkflowResolver resolver, RunFrontDoor front, IPlanEstimator estimator)
    {
        if (string.IsNullOrWhiteSpace(body.Request) && body.Template is null)
        {
            return ApiProblems.BadRequest("Give 'request' (words to plan) or 'template' (an id from GET /api/templates).");
        }
        var caller = StudioCaller.Of(context.User);
        var resolved = await resolver.ResolveAsync(caller.TenantId, body.Request, body.Inputs, body.Template, null, null, context.RequestAborted);
        var plan = resolved.Plan;
        if (plan is { Succeeded: false })
        {
            // Nothing fits: an answer (with the closest candidates in the errors), not a bad request.
            return TypedResults.Ok(new PlanAnswer(false, plan.Planner, plan.Explanation, null, null, null, null, plan.Errors));
        }
        if (resolved.Problem is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }
        var errors = resolved.Errors.Select(e => e.ToString()).ToArray();
        if (resolved.Workflow is not { } workflow)
        {
            return TypedResults.Ok(new PlanAnswer(false, plan?.Planner ?? "template", plan?.Explanation, null, null, null, null, errors));
        }
        // Priced for this tenant's tier: the planner estimates without knowing whose plan it is.
        var metadata = await estimator.EstimateAsync(workflow, await front.For(caller.TenantId).TierAsync(context.RequestAborted), context.RequestAborted);
        var document = JsonDocument.Parse(WorkflowJson.Serialize(workflow)).RootElement.Clone();
        return TypedResults.Ok(new PlanAnswer(true, plan?.Planner ?? "template", plan?.Explanation, document, metadata, metadata.Price,
            plan?.Confidence, errors));
    }
}
