using System.Security.Claims;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Api;

/// <summary>The authenticated caller: its tenant and how it appears in the audit log.</summary>
internal readonly record struct ApiCaller(string TenantId, string Actor)
{
    public static ApiCaller Of(ClaimsPrincipal user) => new(StudioClaims.TenantOf(user), StudioClaims.ActorOf(user));
}
