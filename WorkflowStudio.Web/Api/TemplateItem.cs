namespace WorkflowStudio.Web.Api;

/// <summary>A template in <c>GET /api/templates</c>.</summary>
internal sealed record TemplateItem(string Id, string Title, string Description, IReadOnlyList<string> Tags, int Nodes, IReadOnlyList<string> Inputs);
