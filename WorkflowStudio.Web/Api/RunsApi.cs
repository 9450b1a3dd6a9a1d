using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Web.Auth;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Api;

/// <summary><c>/api/runs</c>: list, result so far, events (SSE), cancel, approve and reject nodes. Other tenants' runs answer 404.</summary>
internal static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/runs").WithTags("Runs");
        runs.MapGet("/", ListAsync).RequireAuthorization(StudioPolicies.Viewer).WithName("ListRuns");
        runs.MapGet("/{runId}", GetAsync).RequireAuthorization(StudioPolicies.Viewer).WithName("GetRun");
        runs.MapGet("/{runId}/events", RunEventsEndpoint.StreamAsync).RequireAuthorization(StudioPolicies.Viewer).WithName("RunEvents")
            .WithSummary("Server-Sent Events, one per journaled state change; resume with Last-Event-ID.");
        runs.MapPost("/{runId}/cancel", CancelAsync).RequireAuthorization(StudioPolicies.Editor).WithName("CancelRun");
        runs.MapPost("/{runId}/nodes/{nodeId}/approve", ApproveAsync).RequireAuthorization(StudioPolicies.Editor).WithName("ApproveNode");
        runs.MapPost("/{runId}/nodes/{nodeId}/reject", RejectAsync).RequireAuthorization(StudioPolicies.Editor).WithName("RejectNode");
        return api;
    }

    internal static async Task<Results<Ok<RunListPage>, ProblemHttpResult>> ListAsync(
        HttpContext context, IRunReader store, string? status, string? workflow, string? cursor, int? limit)
    {
        RunCursor? after = null;
        if (cursor is not null && !RunCursor.TryParse(cursor, out after))
        {
            return ApiProblems.BadRequest($"'cursor' '{cursor}' is not a cursor; pass a previous page's nextCursor unchanged.");
        }
        if (limit is < 1 or > RunQuery.MaxLimit)
        {
            return ApiProblems.BadRequest($"'limit' must be between 1 and {RunQuery.MaxLimit}.");
        }
        var page = await store.QueryRunsAsync(new RunQuery
        {
            TenantId = ApiCaller.Of(context.User).TenantId, Status = status, WorkflowId = workflow, After = after,
            Limit = limit ?? RunQuery.DefaultLimit,
        }, context.RequestAborted);
        return TypedResults.Ok(new RunListPage(
            page.Runs.Select(r => new RunListItem(r.Id, r.WorkflowId, r.WorkflowName, r.Status, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt),
                r.FinishedAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null, r.Error)).ToArray(),
            page.NextCursor?.ToString()));
    }

    internal static async Task<Results<JsonHttpResult<RunResult>, ProblemHttpResult>> GetAsync(
        string runId, HttpContext context, IRunReader store, IRunCoordinator coordinator)
    {
        if (await FindAsync(runId, context, store) is null)
        {
            return ApiProblems.NotFound("run", runId);
        }
        var result = await coordinator.GetResultAsync(runId, context.RequestAborted);
        return result is null ? ApiProblems.NotFound("run", runId) : TypedResults.Json(result, EngineJson.Default.RunResult);
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> CancelAsync(
        string runId, DecisionBody? body, HttpContext context, IRunReader store, IRunCoordinator coordinator, IAuditLog audit)
    {
        if (await FindAsync(runId, context, store) is null)
        {
            return ApiProblems.NotFound("run", runId);
        }
        var caller = ApiCaller.Of(context.User);
        var reason = body?.Reason ?? $"cancelled by {caller.Actor}";
        if (!await coordinator.CancelAsync(runId, reason, context.RequestAborted))
        {
            return ApiProblems.Conflict($"Run '{runId}' has already finished (or its last node has, or a cancel was already accepted); GET /api/runs/{runId} shows its state.");
        }
        await audit.RecordAsync(new AuditEntry(caller.TenantId, caller.Actor, "run.cancel", runId, reason), context.RequestAborted);
        return TypedResults.Accepted($"/api/runs/{runId}");
    }

    internal static Task<Results<Ok, ProblemHttpResult>> ApproveAsync(
        string runId, string nodeId, DecisionBody? body, HttpContext context, IRunReader store, IRunCoordinator coordinator, IAuditLog audit) =>
        DecideAsync(runId, nodeId, approve: true, body?.Reason, context, store, coordinator, audit);

    internal static Task<Results<Ok, ProblemHttpResult>> RejectAsync(
        string runId, string nodeId, DecisionBody? body, HttpContext context, IRunReader store, IRunCoordinator coordinator, IAuditLog audit) =>
        DecideAsync(runId, nodeId, approve: false, body?.Reason, context, store, coordinator, audit);

    private static async Task<Results<Ok, ProblemHttpResult>> DecideAsync(string runId, string nodeId, bool approve, string? reason,
        HttpContext context, IRunReader store, IRunCoordinator coordinator, IAuditLog audit)
    {
        if (await FindAsync(runId, context, store) is null)
        {
            return ApiProblems.NotFound("run", runId);
        }
        var caller = ApiCaller.Of(context.User);
        try
        {
            if (approve)
            {
                await coordinator.ApproveAsync(runId, nodeId, caller.Actor, context.RequestAborted);
            }
            else
            {
                await coordinator.RejectAsync(runId, nodeId, caller.Actor, reason ?? $"rejected by {caller.Actor}", context.RequestAborted);
            }
        }
        catch (ApprovalException exception)
        {
            return ApiProblems.DecisionConflict(exception); // the loser: not audited, told who decided first
        }
        await audit.RecordAsync(new AuditEntry(caller.TenantId, caller.Actor, approve ? "node.approve" : "node.reject", $"{runId}/{nodeId}", reason),
            context.RequestAborted);
        return TypedResults.Ok();
    }

    /// <summary>The run when it belongs to the caller's tenant; null otherwise (the API answers 404 either way).</summary>
    internal static async ValueTask<RunRecord?> FindAsync(string runId, HttpContext context, IRunReader store)
    {
        var run = await store.GetRunAsync(runId, context.RequestAborted);
        return run is not null && run.TenantId == ApiCaller.Of(context.User).TenantId ? run : null;
    }
}
