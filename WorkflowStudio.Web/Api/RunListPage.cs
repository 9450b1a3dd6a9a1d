namespace WorkflowStudio.Web.Api;

/// <summary><c>GET /api/runs</c>: newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for the next page (null on the last).</summary>
internal sealed record RunListPage(IReadOnlyList<RunListItem> Runs, string? NextCursor);
