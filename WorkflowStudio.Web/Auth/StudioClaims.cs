using System.Security.Claims;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Web.Auth;

/// <summary>Claims every signed-in caller (API key or browser user) carries; <see cref="StudioCaller.Of"/> reads them.</summary>
public static class StudioClaims
{
    public const string Tenant = "wfs:tenant";
    public const string KeyId = "wfs:key";

    /// <summary>Who acts, for the audit log and approvals: <c>key:PREFIX</c> or <c>user:NAME</c>.</summary>
    public static string ActorOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(KeyId) is { } key ? $"key:{key}" : $"user:{user.Identity?.Name ?? "anonymous"}";
    }

    internal static ClaimsPrincipal ForKey(ApiKeyInfo key, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, key.Name),
        new Claim(ClaimTypes.Role, key.Role),
        new Claim(Tenant, key.TenantId),
        new Claim(KeyId, key.Prefix),
    ], scheme, ClaimTypes.Name, ClaimTypes.Role));

    internal static ClaimsPrincipal ForUser(StudioUser user, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, user.UserName),
        new Claim(ClaimTypes.Role, user.Role),
        new Claim(Tenant, user.TenantId),
    ], scheme, ClaimTypes.Name, ClaimTypes.Role));
}
