using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows.Hooks;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// <c>/api/workflows/{id}/hooks</c>: create, list, rotate and delete the webhook triggers of a saved workflow. The secret is in
/// the answer of create and rotate only. Another tenant's workflow or hook answers 404 like a missing one.
/// </summary>
internal static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var hooks = api.MapGroup("/workflows/{workflowId}/hooks").WithTags("Webhooks");
        hooks.MapGet("/", ListAsync).RequireAuthorization(StudioPolicies.Editor).WithName("ListWebhooks");
        hooks.MapPost("/", CreateAsync).RequireAuthorization(StudioPolicies.Editor).WithName("CreateWebhook")
            .WithSummary("Exposes the workflow at POST /hooks/{hookId}; the answer shows the signing secret once.");
        hooks.MapPost("/{hookId}/rotate", RotateAsync).RequireAuthorization(StudioPolicies.Editor).WithName("RotateWebhookSecret")
            .WithSummary("A new signing secret, shown once; the old one stops verifying at once.");
        hooks.MapDelete("/{hookId}", DeleteAsync).RequireAuthorization(StudioPolicies.Editor).WithName("DeleteWebhook");
        return api;
    }

    internal static async Task<Results<Ok<WebhookItem[]>, ProblemHttpResult>> ListAsync(string workflowId, HttpContext context, RunFrontDoor front,
        IWebhookStore store)
    {
        var runs = RunsApi.RunsOf(context, front);
        if (await runs.FindWorkflowAsync(workflowId, cancellationToken: context.RequestAborted) is null)
        {
            return ApiProblems.NotFound("workflow", workflowId);
        }
        var hooks = await store.ListAsync(runs.Tenant.Value, workflowId, context.RequestAborted);
        return TypedResults.Ok(hooks.Select(h => Item(h, context)).ToArray());
    }

    internal static async Task<Results<Created<WebhookSecretShown>, ProblemHttpResult>> CreateAsync(string workflowId, WebhookCreateBody? body,
        HttpContext context, RunFrontDoor front, IWebhookStore store, WebhookSecrets secrets, IAuditLog audit)
    {
        var caller = StudioCaller.Of(context.User);
        var saved = await front.For(caller.TenantId).FindWorkflowAsync(workflowId, cancellationToken: context.RequestAborted);
        if (saved is null)
        {
            return ApiProblems.NotFound("workflow", workflowId);
        }
        body ??= new WebhookCreateBody();
        if (RunResponder.CheckMode(body.Mode) is { } badMode)
        {
            return badMode;
        }
        var mapping = body.Mapping ?? [];
        if (WebhookMapping.Check(mapping, saved.Definition) is { Count: > 0 } problems)
        {
            return TypedResults.Problem($"The mapping does not fit workflow '{workflowId}' ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}); fix each one in 'errors'.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid mapping", extensions: new Dictionary<string, object?> { ["errors"] = problems.ToArray() });
        }
        var secret = WebhookSecrets.Generate();
        var hook = await store.CreateAsync(caller.TenantId.Value, workflowId, secrets.Protect(secret), mapping, body.Mode ?? RunModes.Async, context.RequestAborted);
        await audit.RecordAsync(new AuditEntry(caller.TenantId.Value, caller.Actor, "hook.create", hook.Id, $"workflow {workflowId}, {hook.Mode}"),
            context.RequestAborted);
        var item = Item(hook, context);
        return TypedResults.Created(item.Url, new WebhookSecretShown(item, secret, WebhookSignature.Header));
    }

    internal static async Task<Results<Ok<WebhookSecretShown>, ProblemHttpResult>> RotateAsync(string workflowId, string hookId, HttpContext context,
        RunFrontDoor front, IWebhookStore store, WebhookSecrets secrets, IAuditLog audit)
    {
        var caller = StudioCaller.Of(context.User);
        if (await front.For(caller.TenantId).FindWorkflowAsync(workflowId, cancellationToken: context.RequestAborted) is null)
        {
            return ApiProblems.NotFound("workflow", workflowId);
        }
        var secret = WebhookSecrets.Generate();
        if (!await store.RotateAsync(caller.TenantId.Value, workflowId, hookId, secrets.Protect(secret), context.RequestAborted)
            || await store.FindAsync(hookId, context.RequestAborted) is not { } hook)
        {
            return ApiProblems.NotFound("webhook", hookId);
        }
        await audit.RecordAsync(new AuditEntry(caller.TenantId.Value, caller.Actor, "hook.rotate", hookId, $"workflow {workflowId}"), context.RequestAborted);
        return TypedResults.Ok(new WebhookSecretShown(Item(hook, context), secret, WebhookSignature.Header));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string workflowId, string hookId, HttpContext context, RunFrontDoor front,
        IWebhookStore store, IAuditLog audit)
    {
        var caller = StudioCaller.Of(context.User);
        if (await front.For(caller.TenantId).FindWorkflowAsync(workflowId, cancellationToken: context.RequestAborted) is null)
        {
            return ApiProblems.NotFound("workflow", workflowId);
        }
        if (!await store.DeleteAsync(caller.TenantId.Value, workflowId, hookId, context.RequestAborted))
        {
            return ApiProblems.NotFound("webhook", hookId);
        }
        await audit.RecordAsync(new AuditEntry(caller.TenantId.Value, caller.Actor, "hook.delete", hookId, $"workflow {workflowId}"), context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static WebhookItem Item(Webhook hook, HttpContext context) =>
        new(hook.Id, hook.WorkflowId, $"{context.Request.Scheme}://{context.Request.Host}{WebhookDelivery.PathOf(hook.Id)}", hook.Mode, hook.Mapping,
            hook.CreatedAt, hook.LastUsedAt);
}
