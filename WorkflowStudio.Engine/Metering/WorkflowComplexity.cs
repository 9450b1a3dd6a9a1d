using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Metering;

/// <summary>
/// What a workflow's price depends on: its node count, its widest level of nodes that can run at the same time
/// (<see cref="ParallelBranches"/>), and how many nodes use a language model.
/// </summary>
public sealed record WorkflowComplexity(int Nodes, int ParallelBranches, int LlmNodes)
{
    public static WorkflowComplexity Of(WorkflowDefinition workflow, IEnumerable<string> llmTools)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var llm = llmTools.ToHashSet(StringComparer.Ordinal);
        var graph = WorkflowGraph.Build(workflow);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in graph.TopologicalOrder() ?? workflow.Nodes.Select(n => n.Id).ToArray())
        {
            depth[id] = graph.DependenciesOf(id).Select(d => depth.GetValueOrDefault(d, 0) + 1).DefaultIfEmpty(0).Max();
        }
        var width = depth.Count == 0 ? 0 : depth.Values.GroupBy(d => d).Max(g => g.Count());
        return new WorkflowComplexity(workflow.Nodes.Count, width, workflow.Nodes.Count(n => llm.Contains(n.Tool)));
    }
}
