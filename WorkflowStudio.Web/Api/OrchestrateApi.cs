using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Web.Auth;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Api;

/// <summary><c>POST /api/orchestrate</c>: one request in, the whole workflow out.</summary>
internal static class OrchestrateApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapOrchestrateApi(this RouteGroupBuilder api)
    {
        api.MapPost("/orchestrate", OrchestrateAsync)
            .RequireAuthorization(StudioPolicies.Editor)
            .WithName("Orchestrate")
            .WithSummary("Plan (or take) a workflow and run it; sync answers the seed-shaped result, async 202 + Location.");
        return api;
    }

    internal static async Task<Results<JsonHttpResult<RunResult>, Accepted<RunAccepted>, ProblemHttpResult>> OrchestrateAsync(
        OrchestrateBody body, HttpContext context, WorkflowResolver resolver, RunFrontDoor front, RunResponder responder, IUsageRecorder usage,
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey)
    {
        if (RunResponder.CheckMode(body.Mode) is { } badMode)
        {
            return badMode;
        }
        if (body.OnFailure is not (null or RunModes.Fail or RunModes.Replan))
        {
            return ApiProblems.BadRequest($"'onFailure' must be 'fail' or 'replan'; got '{body.OnFailure}'.");
        }
        if (CheckIdempotencyKey(idempotencyKey) is { } badKey)
        {
            return badKey;
        }
        var caller = StudioCaller.Of(context.User);
        var runs = front.For(caller.TenantId);
        var resolved = await resolver.ResolveToRunAsync(caller.TenantId, body.Request, body.Inputs, body.Template, body.Workflow, body.Orchestration, context.RequestAborted);
        if (resolved.Problem is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }
        if (resolved.Workflow is null)
        {
            return ApiProblems.Invalid(resolved.Errors);
        }
        // The request's onFailure overrides the workflow's own (replan: the planner repairs the rest after a failure).
        var workflow = body.OnFailure is null ? resolved.Workflow : resolved.Workflow with { OnFailure = body.OnFailure };
        var outcome = await runs.StartAsync(new RunStartRequest(caller.Actor, workflow, resolved.Inputs)
        {
            IdempotencyKey = idempotencyKey, RequestHash = RunStarter.HashOf(JsonSerializer.Serialize(body with { Mode = null })),
        }, context.RequestAborted);
        if (outcome is { RunId: { } runId, Reused: false } && resolved.Plan is { Usage.Calls: > 0 } plan)
        {
            await usage.AttachPlanToRunAsync(plan.PlanId, runId, context.RequestAborted);
        }
        return await responder.RespondAsync(runs, outcome, body.Mode ?? RunModes.Sync, context);
    }

    internal static ProblemHttpResult? CheckIdempotencyKey(string? key) =>
        key is null || (key.Length is > 0 and <= IIdempotencyStore.MaxKeyLength && !key.Any(char.IsControl))
            ? null
            : ApiProblems.BadRequest($"The {IdempotencyHeader} header must be 1 to {IIdempotencyStore.MaxKeyLength} printable characters.");
}
