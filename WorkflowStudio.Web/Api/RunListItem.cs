namespace WorkflowStudio.Web.Api;

/// <summary>One run in <c>GET /api/runs</c>.</summary>
internal sealed record RunListItem(
    string Id, string WorkflowId, string WorkflowName, string Status, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? Error);
