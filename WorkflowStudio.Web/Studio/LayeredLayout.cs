using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// Left-to-right layered layout of a workflow DAG: a node's layer is the length of the longest dependency chain
/// leading to it (so every link points right), rows inside a layer are ordered by the barycenter of their
/// neighbours (fewer crossings), and each layer is centred vertically. Cycles do not throw: nodes on a cycle
/// are placed by definition order, and the validator reports the cycle.
/// </summary>
public static class LayeredLayout
{
    private const int Sweeps = 4;

    public static IReadOnlyDictionary<string, NodePosition> Compute(WorkflowDefinition workflow, LayoutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        options ??= LayoutOptions.Default;
        var graph = WorkflowGraph.Build(workflow);
        var layerOf = AssignLayers(workflow, graph);
        var layers = layerOf.GroupBy(p => p.Value).OrderBy(g => g.Key)
            .Select(g => g.Select(p => p.Key).ToList()).ToList();
        // Definition order first, then barycenter sweeps down and up the layers.
        var definitionIndex = workflow.Nodes.Select((n, i) => (n.Id, i)).GroupBy(p => p.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            layer.Sort((a, b) => definitionIndex[a].CompareTo(definitionIndex[b]));
        }
        for (var sweep = 0; sweep < Sweeps && layers.Count > 1; sweep++)
        {
            var down = sweep % 2 == 0;
            var rowOf = RowIndex(layers);
            var sequence = down ? Enumerable.Range(1, layers.Count - 1) : Enumerable.Range(0, layers.Count - 1).Reverse();
            foreach (var l in sequence)
            {
                var layer = layers[l];
                var keys = layer.ToDictionary(id => id, id =>
                {
                    var neighbours = down ? graph.DependenciesOf(id) : graph.DependantsOf(id);
                    var rows = neighbours.Where(rowOf.ContainsKey).Select(n => (double)rowOf[n]).ToArray();
                    return rows.Length > 0 ? rows.Average() : rowOf[id];
                }, StringComparer.Ordinal);
                var stable = layer.Select((id, i) => (id, i)).OrderBy(p => keys[p.id]).ThenBy(p => p.i).Select(p => p.id).ToList();
                layers[l] = stable;
                for (var r = 0; r < stable.Count; r++)
                {
                    rowOf[stable[r]] = r;
                }
            }
        }
        var tallest = layers.Count == 0 ? 0 : layers.Max(l => l.Count);
        var result = new Dictionary<string, NodePosition>(StringComparer.Ordinal);
        for (var l = 0; l < layers.Count; l++)
        {
            var offset = (tallest - layers[l].Count) / 2.0 * (options.NodeHeight + options.VerticalGap);
            for (var r = 0; r < layers[l].Count; r++)
            {
                result[layers[l][r]] = new NodePosition(
                    options.Margin + l * (options.NodeWidth + options.HorizontalGap),
                    options.Margin + offset + r * (options.NodeHeight + options.VerticalGap),
                    l, r);
            }
        }
        return result;
    }

    private static Dictionary<string, int> AssignLayers(WorkflowDefinition workflow, WorkflowGraph graph)
    {
        var layerOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = graph.TopologicalOrder() ?? workflow.Nodes.Select(n => n.Id).Distinct(StringComparer.Ordinal).ToList();
        foreach (var id in order)
        {
            var layer = 0;
            foreach (var dependency in graph.DependenciesOf(id))
            {
                if (layerOf.TryGetValue(dependency, out var l))
                {
                    layer = Math.Max(layer, l + 1);
                }
            }
            layerOf[id] = layer;
        }
        return layerOf;
    }

    private static Dictionary<string, int> RowIndex(List<List<string>> layers)
    {
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            for (var r = 0; r < layer.Count; r++)
            {
                rowOf[layer[r]] = r;
            }
        }
        return rowOf;
    }
}
