using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Web.Auth;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tools;
using System.Text.Json;

namespace WorkflowStudio.Web.Api;

/// <summary><c>/api/runs</c>: list, result so far, events (SSE), cancel, approve and reject nodes. Other tenants' runs answer 404.</summary>
internal static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/runs").WithTags("Runs");
        runs.MapGet("/", ListAsync).RequireAuthorization(StudioPolicies.Viewer).WithName("ListRuns");
        runs.MapGet("/{runId}", GetAsync).RequireAuthorization(StudioPolicies.Viewer).WithName("GetRun");
        runs.MapGet("/{runId}/artefacts", ArtefactsAsync).RequireAuthorization(StudioPolicies.Viewer).WithName("ListRunArtefacts")
            .WithSummary("The files the run's nodes produced (reports, charts, written files), with download links.");
        runs.MapGet("/{runId}/events", RunEventsEndpoint.StreamAsync).RequireAuthorization(StudioPolicies.Viewer).WithName("RunEvents")
            .WithSummary("Server-Sent Events, one per journaled state change; resume with Last-Event-ID.");
        runs.MapPost("/{runId}/cancel", CancelAsync).RequireAuthorization(StudioPolicies.Editor).WithName("CancelRun");
        runs.MapPost("/{runId}/nodes/{nodeId}/approve", ApproveAsync).RequireAuthorization(StudioPolicies.Editor).WithName("ApproveNode");
        runs.MapPost("/{runId}/nodes/{nodeId}/reject", RejectAsync).RequireAuthorization(StudioPolicies.Editor).WithName("RejectNode");
        runs.MapPost("/{runId}/nodes/{nodeId}/input", AnswerInputAsync).RequireAuthorization(StudioPolicies.Editor).WithName("AnswerNodeInput")
            .WithSummary("Answers the question a node's tool server asked (the node is awaiting_input): accept with content, decline or cancel.");
        return api;
    }

    internal static async Task<Results<Ok<RunListPage>, ProblemHttpResult>> ListAsync(
        HttpContext context, RunFrontDoor front, string? status, string? workflow, string? cursor, int? limit)
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
        var page = await RunsOf(context, front).QueryAsync(new RunQuery
        {
            Status = status, WorkflowId = workflow, After = after, Limit = limit ?? RunQuery.DefaultLimit,
        }, context.RequestAborted);
        return TypedResults.Ok(new RunListPage(
            page.Runs.Select(r => new RunListItem(r.Id, r.WorkflowId, r.WorkflowName, r.Status, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt),
                r.FinishedAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null, r.Error)).ToArray(),
            page.NextCursor?.ToString()));
    }

    internal static async Task<Results<JsonHttpResult<RunResult>, ProblemHttpResult>> GetAsync(string runId, HttpContext context, RunFrontDoor front) =>
        await RunsOf(context, front).GetResultAsync(runId, context.RequestAborted) is { } result
            ? TypedResults.Json(result, EngineJson.Default.RunResult)
            : ApiProblems.NotFound("run", runId);

    internal static async Task<Results<Ok<RunArtefactItem[]>, ProblemHttpResult>> ArtefactsAsync(string runId, HttpContext context, RunFrontDoor front)
    {
        if (await RunsOf(context, front).ListArtefactsAsync(runId, context.RequestAborted) is not { } artefacts)
        {
            return ApiProblems.NotFound("run", runId);
        }
        return TypedResults.Ok(artefacts.Select(a => new RunArtefactItem(a.NodeId, a.Tool, a.Path, a.Name, a.Bytes, a.ContentType,
            "/" + a.DownloadPath(runId), a.PreviewPath(runId) is { } preview ? "/" + preview : null)).ToArray());
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> CancelAsync(string runId, DecisionBody? body, HttpContext context, RunFrontDoor front)
    {
        var caller = StudioCaller.Of(context.User);
        return await front.For(caller.TenantId).CancelAsync(runId, caller.Actor, body?.Reason, context.RequestAborted) switch
        {
            RunCancelOutcome.NotFound => ApiProblems.NotFound("run", runId),
            RunCancelOutcome.AlreadyFinished => ApiProblems.Conflict(
                $"Run '{runId}' has already finished (or its last node has, or a cancel was already accepted); GET /api/runs/{runId} shows its state."),
            _ => TypedResults.Accepted($"/api/runs/{runId}"),
        };
    }

    internal static Task<Results<Ok, ProblemHttpResult>> ApproveAsync(string runId, string nodeId, DecisionBody? body, HttpContext context, RunFrontDoor front) =>
        DecideAsync(runId, nodeId, approve: true, body?.Reason, body?.Args is { ValueKind: not JsonValueKind.Null } args ? args : null, context, front);

    internal static Task<Results<Ok, ProblemHttpResult>> RejectAsync(string runId, string nodeId, DecisionBody? body, HttpContext context, RunFrontDoor front) =>
        body?.Args is { ValueKind: not JsonValueKind.Null }
            ? Task.FromResult<Results<Ok, ProblemHttpResult>>(ApiProblems.BadRequest("'args' goes with approve only; send a rejection with a 'reason' and no 'args'."))
            : DecideAsync(runId, nodeId, approve: false, body?.Reason, null, context, front);

    private static async Task<Results<Ok, ProblemHttpResult>> DecideAsync(string runId, string nodeId, bool approve, string? reason, JsonElement? args,
        HttpContext context, RunFrontDoor front)
    {
        var caller = StudioCaller.Of(context.User);
        try
        {
            return await front.For(caller.TenantId).DecideAsync(runId, nodeId, approve, caller.Actor, reason, args, context.RequestAborted)
                ? TypedResults.Ok()
                : ApiProblems.NotFound("run", runId);
        }
        catch (ApprovalException exception)
        {
            return ApiProblems.DecisionConflict(exception); // the loser: not audited, told who decided first
        }
        catch (ApprovalArgumentsException exception)
        {
            return ApiProblems.BadRequest($"Not approved: {exception.Message}. The node still waits."); // nothing recorded
        }
    }

    internal static async Task<Results<Ok, ProblemHttpResult>> AnswerInputAsync(string runId, string nodeId, InputAnswerBody? body,
        HttpContext context, RunFrontDoor front)
    {
        var caller = StudioCaller.Of(context.User);
        var runs = front.For(caller.TenantId);
        if (await runs.FindAsync(runId, context.RequestAborted) is null)
        {
            return ApiProblems.NotFound("run", runId); // before the body: another tenant learns nothing of the run
        }
        if (body?.Action is not { } action || !ToolInputAnswer.Actions.Contains(action))
        {
            return ApiProblems.BadRequest(
                $"'action' must be one of {string.Join(", ", ToolInputAnswer.Actions)} (got {(body?.Action is null ? "none" : $"'{body.Action}'")}); " +
                "send {\"action\": \"accept\", \"content\": {...the form's fields...}}, or decline or cancel without content.");
        }
        var content = body.Content is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } given ? given : (JsonElement?)null;
        try
        {
            return await runs.AnswerInputAsync(runId, nodeId, new ToolInputAnswer(action, content), caller.Actor, context.RequestAborted)
                ? TypedResults.Ok()
                : ApiProblems.NotFound("run", runId);
        }
        catch (InputAnswerException exception)
        {
            return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest, title: "Answer does not fit the form",
                extensions: new Dictionary<string, object?> { ["errors"] = exception.Problems.ToArray() });
        }
        catch (ApprovalException exception)
        {
            return ApiProblems.Conflict(exception.Message);
        }
    }

    /// <summary>The caller's tenant's runs: the one door (another tenant's run answers 404 like a missing one).</summary>
    internal static TenantRuns RunsOf(HttpContext context, RunFrontDoor front) => front.For(StudioCaller.Of(context.User).TenantId);
}
