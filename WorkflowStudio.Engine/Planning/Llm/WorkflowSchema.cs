using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace WorkflowStudio.Engine.Planning.Llm;

/// <summary>docs/workflow.schema.json (embedded) as the structured-output response format.</summary>
internal static class WorkflowSchema
{
    private static readonly Lazy<ChatResponseFormat> Format = new(Load);

    public static ChatResponseFormat ResponseFormat => Format.Value;

    private static ChatResponseFormat Load()
    {
        using var stream = typeof(WorkflowSchema).Assembly.GetManifestResourceStream("schemas/workflow.schema.json")
            ?? throw new InvalidOperationException("The engine assembly lacks its embedded schemas/workflow.schema.json.");
        var schema = JsonNode.Parse(stream)!.AsObject();
        // Identification keywords that some structured-output implementations reject; the shape is unchanged.
        schema.Remove("$schema");
        schema.Remove("$id");
        return ChatResponseFormat.ForJsonSchema(JsonSerializer.SerializeToElement(schema), "workflow",
            "A WorkflowStudio workflow: named inputs, a DAG of tool-call nodes, an optional output.");
    }
}
