using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Auth;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Workflows.Store;

namespace WorkflowStudio.Web.Api;

/// <summary><c>/api/workflows</c>: validate and save versions, list, versions, start runs. Other tenants' workflows answer 404.</summary>
internal static class WorkflowsApi
{
    public static RouteGroupBuilder MapWorkflowsApi(this RouteGroupBuilder api)
    {
        var workflows = api.MapGroup("/workflows").WithTags("Workflows");
        workflows.MapPost("/", SaveAsync).RequireAuthorization(StudioPolicies.Editor).WithName("SaveWorkflow")
            .Accepts<JsonElement>("application/json")
            .WithSummary("Validate a workflow (ours or the seed's format) and save it as a new workflow, or as the next version of ?id=.");
        workflows.MapGet("/", ListAsync).RequireAuthorization(StudioPolicies.Viewer).WithName("ListWorkflows");
        workflows.MapGet("/{workflowId}/versions", VersionsAsync).RequireAuthorization(StudioPolicies.Viewer).WithName("ListWorkflowVersions");
        workflows.MapPost("/{workflowId}/runs", StartAsync).RequireAuthorization(StudioPolicies.Editor).WithName("StartWorkflowRun");
        return api;
    }

    internal static async Task<Results<Created<WorkflowSaved>, ProblemHttpResult>> SaveAsync(
        HttpContext context, IWorkflowStore store, RunFrontDoor front, IToolCatalog catalog, IAuditLog audit, string? id, string? note)
    {
        var caller = StudioCaller.Of(context.User);
        if (id is not null && await front.For(caller.TenantId).FindWorkflowAsync(id, cancellationToken: context.RequestAborted) is null)
        {
            return ApiProblems.NotFound("workflow", id);
        }
        using var reader = new StreamReader(context.Request.Body);
        var json = await reader.ReadToEndAsync(context.RequestAborted);
        var tools = catalog.ForTenant(caller.TenantId.Value);
        var loaded = await WorkflowLoader.LoadAsync(json, tools, context.RequestAborted);
        if (!loaded.Succeeded)
        {
            return ApiProblems.Invalid(loaded.Errors);
        }
        var errors = await WorkflowValidator.ValidateAsync(loaded.Workflow!, tools, cancellationToken: context.RequestAborted);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var saved = await store.SaveAsync(id, loaded.Workflow!, note, caller.TenantId.Value, context.RequestAborted);
        await audit.RecordAsync(new AuditEntry(caller.TenantId.Value, caller.Actor, id is null ? "workflow.create" : "workflow.version",
            saved.Id, $"version {saved.Version}: {saved.Name}"), context.RequestAborted);
        return TypedResults.Created($"/api/workflows/{saved.Id}/versions",
            new WorkflowSaved(saved.Id, saved.Version, saved.Name, saved.CreatedAt, saved.Note));
    }

    internal static async Task<Ok<WorkflowSaved[]>> ListAsync(HttpContext context, RunFrontDoor front, int? limit)
    {
        var list = await RunsApi.RunsOf(context, front).ListWorkflowsAsync(Math.Clamp(limit ?? 200, 1, 1000), context.RequestAborted);
        return TypedResults.Ok(list.Select(w => new WorkflowSaved(w.Id, w.Version, w.Name, w.CreatedAt, w.Note)).ToArray());
    }

    internal static async Task<Results<Ok<WorkflowSaved[]>, ProblemHttpResult>> VersionsAsync(string workflowId, HttpContext context, RunFrontDoor front)
    {
        var runs = RunsApi.RunsOf(context, front);
        if (await runs.FindWorkflowAsync(workflowId, cancellationToken: context.RequestAborted) is null)
        {
            return ApiProblems.NotFound("workflow", workflowId);
        }
        var versions = await runs.ListVersionsAsync(workflowId, context.RequestAborted);
        return TypedResults.Ok(versions.Select(w => new WorkflowSaved(w.Id, w.Version, w.Name, w.CreatedAt, w.Note)).ToArray());
    }

    internal static async Task<Results<JsonHttpResult<RunResult>, Accepted<RunAccepted>, ProblemHttpResult>> StartAsync(
        string workflowId, StartRunBody? body, HttpContext context, RunFrontDoor front, RunResponder responder,
        [FromHeader(Name = OrchestrateApi.IdempotencyHeader)] string? idempotencyKey)
    {
        body ??= new StartRunBody();
        if (RunResponder.CheckMode(body.Mode) is { } badMode)
        {
            return badMode;
        }
        if (OrchestrateApi.CheckIdempotencyKey(idempotencyKey) is { } badKey)
        {
            return badKey;
        }
        var caller = StudioCaller.Of(context.User);
        var runs = front.For(caller.TenantId);
        var saved = await runs.FindWorkflowAsync(workflowId, body.Version, context.RequestAborted);
        if (saved is null)
        {
            return ApiProblems.NotFound(body.Version is null ? "workflow" : $"version {body.Version} of workflow", workflowId);
        }
        var outcome = await runs.StartAsync(new RunStartRequest(caller.Actor, saved.Definition, RunStarter.InputsFor(saved.Definition, body.Inputs))
        {
            WorkflowId = saved.Id, IdempotencyKey = idempotencyKey,
            RequestHash = RunStarter.HashOf($"{workflowId}\n{JsonSerializer.Serialize(body with { Mode = null })}"),
        }, context.RequestAborted);
        return await responder.RespondAsync(runs, outcome, body.Mode ?? RunModes.Sync, context);
    }
}
