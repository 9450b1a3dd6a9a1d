using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Api;

/// <summary><c>/api/admin</c> (admin keys only): the tenant's API keys and its audit log.</summary>
internal static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization(StudioPolicies.Admin).WithTags("Admin");
        admin.MapGet("/keys", ListKeysAsync).WithName("ListApiKeys");
        admin.MapPost("/keys", CreateKeyAsync).WithName("CreateApiKey");
        admin.MapDelete("/keys/{keyId}", RevokeKeyAsync).WithName("RevokeApiKey");
        admin.MapGet("/audit", AuditAsync).WithName("ListAudit");
        return api;
    }

    internal static async Task<Ok<ApiKeyInfo[]>> ListKeysAsync(HttpContext context, ITenantDirectory tenants) =>
        TypedResults.Ok((await tenants.ListApiKeysAsync(StudioCaller.Of(context.User).TenantId.Value, context.RequestAborted)).ToArray());

    internal static async Task<Results<Created<ApiKeyCreated>, ProblemHttpResult>> CreateKeyAsync(
        ApiKeyCreateBody body, HttpContext context, ITenantDirectory tenants, IAuditLog audit)
    {
        var role = body.Role ?? TenantRoles.Viewer;
        if (!TenantRoles.IsValid(role))
        {
            return ApiProblems.BadRequest($"'role' must be one of {string.Join(", ", TenantRoles.All)}; got '{role}'.");
        }
        var caller = StudioCaller.Of(context.User);
        var created = await tenants.CreateApiKeyAsync(caller.TenantId.Value, role, body.Name ?? "api", context.RequestAborted);
        await audit.RecordAsync(new AuditEntry(caller.TenantId.Value, caller.Actor, "apikey.create", created.Info.Prefix, role), context.RequestAborted);
        return TypedResults.Created($"/api/admin/keys/{created.Info.Id}",
            new ApiKeyCreated(created.Info.Id, created.Secret, created.Info.Prefix, role, created.Info.Name));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeKeyAsync(string keyId, HttpContext context, ITenantDirectory tenants, IAuditLog audit)
    {
        var caller = StudioCaller.Of(context.User);
        var keys = await tenants.ListApiKeysAsync(caller.TenantId.Value, context.RequestAborted);
        var key = keys.FirstOrDefault(k => !k.Revoked && (k.Id == keyId || k.Prefix == keyId));
        if (key is null || !await tenants.RevokeApiKeyAsync(key.Id, context.RequestAborted))
        {
            return ApiProblems.NotFound("active API key", keyId);
        }
        await audit.RecordAsync(new AuditEntry(caller.TenantId.Value, caller.Actor, "apikey.revoke", key.Prefix), context.RequestAborted);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<AuditEntry[]>> AuditAsync(HttpContext context, IAuditLog audit, int? limit) =>
        TypedResults.Ok((await audit.ListAsync(StudioCaller.Of(context.User).TenantId.Value, Math.Clamp(limit ?? 100, 1, 1000), context.RequestAborted)).ToArray());
}
