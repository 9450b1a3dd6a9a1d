using System.Text.Json;

namespace WorkflowStudio.Engine.Workflows;

/// <summary>A workflow: named inputs, a DAG of tool-call nodes and an optional output expression.</summary>
public sealed record WorkflowDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyDictionary<string, WorkflowInput> Inputs { get; init; } = new Dictionary<string, WorkflowInput>();
    public required IReadOnlyList<WorkflowNode> Nodes { get; init; }

    /// <summary>The run's output: any JSON value, bindings allowed (e.g. <c>"{{ steps.report.output }}"</c>).</summary>
    public JsonElement? Output { get; init; }

    public WorkflowNode? FindNode(string id)
    {
        foreach (var node in Nodes)
        {
            if (string.Equals(node.Id, id, StringComparison.Ordinal))
            {
                return node;
            }
        }
        return null;
    }
}
