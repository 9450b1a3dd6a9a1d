using System.Text.Json.Serialization;

namespace WorkflowStudio.Web.Mcp;

/// <summary>The answer of <c>list_templates</c>.</summary>
internal sealed record McpTemplatesOutput([property: JsonPropertyName("templates")] IReadOnlyList<McpTemplate> Templates);

/// <summary>One template: pass its id to orchestrate or run_workflow.</summary>
internal sealed record McpTemplate(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("inputs")] IReadOnlyList<string> Inputs);
