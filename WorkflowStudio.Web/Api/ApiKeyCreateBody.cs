namespace WorkflowStudio.Web.Api;

/// <summary><c>POST /api/admin/keys</c>: a name and a role (viewer, editor, admin) for a new key of the caller's tenant.</summary>
internal sealed record ApiKeyCreateBody(string? Name, string? Role);

/// <summary>The new key: <see cref="Key"/> is shown this once.</summary>
internal sealed record ApiKeyCreated(string Id, string Key, string Prefix, string Role, string Name);
