using System.Security.Claims;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Web.Auth;

/// <summary>
/// Who calls, read from the sign-in claims in one place (<see cref="Of"/>) for every surface (API, MCP, studio, hub,
/// downloads): the tenant, the actor as the audit log names it, the role. The open studio (no users yet) is an admin of
/// the default tenant.
/// </summary>
internal sealed record StudioCaller(TenantId TenantId, string Actor, string Role, bool IsSignedIn)
{
    public const string OpenStudioActor = "studio user";

    /// <summary>Not signed in although users exist: a tenant no data belongs to, and no role (reads find nothing, writes are refused).</summary>
    public static StudioCaller Nobody { get; } = new(TenantId.None, "anonymous", "none", false);

    public bool CanEdit => Role is TenantRoles.Editor or TenantRoles.Admin;
    public bool IsAdmin => Role == TenantRoles.Admin;

    /// <summary>An admin of the default tenant: the operator, who may act on what every tenant shares (restart a tool server).</summary>
    public bool IsOperator => IsAdmin && TenantId == TenantId.Default;

    /// <summary>The one reader of the tenant claim (<see cref="StudioClaims.Tenant"/>).</summary>
    public static StudioCaller Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return new StudioCaller(TenantId.Default, OpenStudioActor, TenantRoles.Admin, false);
        }
        var tenant = user.FindFirstValue(StudioClaims.Tenant) is { } claimed ? new TenantId(claimed) : TenantId.Default;
        return new StudioCaller(tenant, StudioClaims.ActorOf(user), user.FindFirstValue(ClaimTypes.Role) ?? TenantRoles.Viewer, true);
    }
}
