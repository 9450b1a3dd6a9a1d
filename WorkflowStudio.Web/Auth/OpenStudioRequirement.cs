using Microsoft.AspNetCore.Authorization;

namespace WorkflowStudio.Web.Auth;

/// <summary>The studio UI's rule: a signed-in user with a role, or no user exists yet (see <see cref="UserPresence"/>).</summary>
internal sealed class OpenStudioRequirement : IAuthorizationRequirement;

internal sealed class OpenStudioHandler(UserPresence users) : AuthorizationHandler<OpenStudioRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OpenStudioRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && StudioPolicies.ViewerRoles.Any(context.User.IsInRole))
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
