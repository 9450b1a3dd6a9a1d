using Microsoft.AspNetCore.Authorization;

namespace WorkflowStudio.Web.Auth;

/// <summary>
/// The studio UI's rule: a signed-in user with one of <see cref="Roles"/>, or no user exists yet (the open local studio,
/// see <see cref="UserPresence"/>).
/// </summary>
internal sealed class OpenStudioRequirement(string[] roles) : IAuthorizationRequirement
{
    public string[] Roles { get; } = roles;
}

internal sealed class OpenStudioHandler(UserPresence users) : AuthorizationHandler<OpenStudioRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OpenStudioRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && requirement.Roles.Any(context.User.IsInRole))
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
