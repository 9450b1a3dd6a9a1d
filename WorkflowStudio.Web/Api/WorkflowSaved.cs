namespace WorkflowStudio.Web.Api;

/// <summary>A saved workflow version (<c>POST /api/workflows</c>) or a list entry.</summary>
internal sealed record WorkflowSaved(string Id, int Version, string Name, DateTimeOffset CreatedAt, string? Note);
