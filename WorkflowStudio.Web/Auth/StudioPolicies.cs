using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Web.Auth;

/// <summary>Authorization policies by role: viewers read, editors create and run, admins manage keys, users and the job dashboard.</summary>
public static class StudioPolicies
{
    public const string Viewer = "viewer";
    public const string Editor = "editor";
    public const string Admin = "admin";

    /// <summary>The studio UI: a signed-in user, or anyone while no user exists yet (the open local studio).</summary>
    public const string Studio = "studio";

    /// <summary>
    /// The operator's pages, which show every tenant's data (<c>/admin</c>, Hangfire's dashboard): an admin of the default
    /// tenant, or anyone without a key or sign-in while no user exists yet. Another tenant's admin is refused.
    /// </summary>
    public const string StudioAdmin = "studio-admin";

    internal static readonly string[] ViewerRoles = [TenantRoles.Viewer, TenantRoles.Editor, TenantRoles.Admin];
    internal static readonly string[] EditorRoles = [TenantRoles.Editor, TenantRoles.Admin];
    internal static readonly string[] AdminRoles = [TenantRoles.Admin];
}
