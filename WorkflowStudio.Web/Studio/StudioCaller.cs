using System.Security.Claims;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Studio;

/// <summary>The signed-in user as the studio sees it; the open studio (no users yet) is an admin of the default tenant.</summary>
internal sealed record StudioCaller(string TenantId, string Actor, string Role, bool IsSignedIn)
{
    public const string OpenStudioActor = "studio user";

    /// <summary>Not signed in although users exist: a tenant no data belongs to, and no role (reads find nothing, writes are refused).</summary>
    public static StudioCaller Nobody { get; } = new(string.Empty, "anonymous", "none", false);

    public bool CanEdit => Role is TenantRoles.Editor or TenantRoles.Admin;
    public bool IsAdmin => Role == TenantRoles.Admin;

    /// <summary>An admin of the default tenant: the operator, who may act on what every tenant shares (restart a tool server).</summary>
    public bool IsOperator => IsAdmin && TenantId == Tenant.DefaultId;

    public static StudioCaller Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true
            ? new StudioCaller(StudioClaims.TenantOf(user), StudioClaims.ActorOf(user), user.FindFirstValue(ClaimTypes.Role) ?? TenantRoles.Viewer, true)
            : new StudioCaller(Tenant.DefaultId, OpenStudioActor, TenantRoles.Admin, false);
    }
}
