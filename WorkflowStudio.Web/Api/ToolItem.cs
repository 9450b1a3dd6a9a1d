using System.Text.Json;

namespace WorkflowStudio.Web.Api;

/// <summary>A tool in <c>GET /api/tools</c>, with its schemas and MCP annotations.</summary>
internal sealed record ToolItem(
    string Name, string? Description, JsonElement InputSchema, JsonElement? OutputSchema, bool? ReadOnly, bool? Destructive, bool? Idempotent);
