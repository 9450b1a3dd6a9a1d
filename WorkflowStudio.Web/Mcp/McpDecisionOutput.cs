using System.Text.Json.Serialization;

namespace WorkflowStudio.Web.Mcp;

/// <summary>The answer of <c>approve_node</c>.</summary>
internal sealed record McpDecisionOutput(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("decision")] string Decision);
