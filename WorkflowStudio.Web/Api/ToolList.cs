namespace WorkflowStudio.Web.Api;

/// <summary><c>GET /api/tools</c>: every reachable server's tools, and why others are missing.</summary>
internal sealed record ToolList(IReadOnlyList<ToolItem> Tools, IReadOnlyList<string> Warnings);
