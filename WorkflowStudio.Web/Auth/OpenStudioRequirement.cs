using Microsoft.AspNetCore.Authorization;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Web.Auth;

/// <summary>
/// The studio UI's rule: a signed-in user with one of <see cref="Roles"/>, or no user exists yet (the open local studio,
/// see <see cref="UserPresence"/>). With <see cref="OperatorOnly"/> (pages that show every tenant's data: <c>/admin</c>,
/// Hangfire's dashboard) the caller must also belong to the default tenant, the operator's: another tenant's admin is
/// refused, whether users exist or not.
/// </summary>
internal sealed class OpenStudioRequirement(string[] roles, bool operatorOnly = false) : IAuthorizationRequirement
{
    public string[] Roles { get; } = roles;

    public bool OperatorOnly { get; } = operatorOnly;
}

internal sealed class OpenStudioHandler(UserPresence users) : AuthorizationHandler<OpenStudioRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OpenStudioRequirement requirement)
    {
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        if (signedIn && requirement.OperatorOnly && StudioCaller.Of(context.User).TenantId != TenantId.Default)
        {
            return;
        }
        if (signedIn && requirement.Roles.Any(context.User.IsInRole))
        {
            context.Succeed(requirement);
            return;
        }
        if (!await users.AnyAsync())
        {
            context.Succeed(requirement);
        }
    }
}
