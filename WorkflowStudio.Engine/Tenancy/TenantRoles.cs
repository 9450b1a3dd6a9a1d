namespace WorkflowStudio.Engine.Tenancy;

/// <summary>What a key or a user may do: viewers read, editors also create and run, admins also manage keys and users.</summary>
public static class TenantRoles
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, Editor, Viewer];

    public static bool IsValid(string? role) => role is Admin or Editor or Viewer;
}
