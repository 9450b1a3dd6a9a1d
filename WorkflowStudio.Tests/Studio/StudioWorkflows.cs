using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Studio;

/// <summary>Small workflows for the studio's view-model tests.</summary>
internal static class StudioWorkflows
{
    public static WorkflowNode Node(string id, params string[] dependsOn) =>
        new() { Id = id, Tool = "builtin/echo", Args = JsonSerializer.SerializeToElement(new { value = id }), DependsOn = dependsOn };

    public static WorkflowDefinition Of(params WorkflowNode[] nodes) => new() { Name = "test", Nodes = nodes };

    /// <summary>a → (b, c) → d.</summary>
    public static WorkflowDefinition Diamond() => Of(Node("a"), Node("b", "a"), Node("c", "a"), Node("d", "b", "c"));

    /// <summary>A layered DAG of <paramref name="layers"/> × <paramref name="width"/> nodes, each depending on two of the previous layer.</summary>
    public static WorkflowDefinition Layered(int layers, int width)
    {
        var nodes = new List<WorkflowNode>();
        for (var l = 0; l < layers; l++)
        {
            for (var i = 0; i < width; i++)
            {
                nodes.Add(l == 0 ? Node($"n{l}_{i}") : Node($"n{l}_{i}", $"n{l - 1}_{i}", $"n{l - 1}_{(i + 1) % width}"));
            }
        }
        return Of([.. nodes]);
    }
}
