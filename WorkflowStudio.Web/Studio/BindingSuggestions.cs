using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Studio;

/// <summary>The bindings a node may use: every workflow input and the output of every step that runs before it.</summary>
public static class BindingSuggestions
{
    public static IReadOnlyList<string> For(WorkflowDefinition workflow, string nodeId)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var graph = WorkflowGraph.Build(workflow);
        var upstream = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([nodeId]);
        while (stack.TryPop(out var at))
        {
            foreach (var dependency in graph.DependenciesOf(at))
            {
                if (upstream.Add(dependency))
                {
                    stack.Push(dependency);
                }
            }
        }
        var inputs = workflow.Inputs.Keys.Order(StringComparer.Ordinal).Select(name => $"{{{{ inputs.{name} }}}}");
        var steps = workflow.Nodes.Where(n => upstream.Contains(n.Id)).Select(n => $"{{{{ steps.{n.Id}.output }}}}");
        return [.. inputs, .. steps];
    }
}
