using System.Globalization;
using System.Text.Json;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// Two versions of a workflow on one canvas: every node of either version laid out together (the later version's
/// nodes plus the ones it removed), each node and edge marked added, removed, changed or unchanged from
/// <see cref="WorkflowDiff"/>, the engine's one diff.
/// </summary>
public sealed class VersionComparison
{
    /// <summary>Argument values longer than this are cut with an ellipsis in the text list.</summary>
    public const int MaxValueLength = 120;

    private VersionComparison(WorkflowDiff diff, IReadOnlyList<DiffNode> nodes, IReadOnlyList<DiffEdge> edges)
    {
        Diff = diff;
        Nodes = nodes;
        Edges = edges;
    }

    public WorkflowDiff Diff { get; }

    public IReadOnlyList<DiffNode> Nodes { get; }

    public IReadOnlyList<DiffEdge> Edges { get; }

    public double Width => Nodes.Select(n => n.Position.X + LayoutOptions.DefaultNodeWidth).DefaultIfEmpty(0).Max() + LayoutOptions.DefaultMargin;

    public double Height => Nodes.Select(n => n.Position.Y + LayoutOptions.DefaultNodeHeight).DefaultIfEmpty(0).Max() + LayoutOptions.DefaultMargin;

    public static VersionComparison Of(WorkflowDefinition before, WorkflowDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var diff = WorkflowDiff.Compute(before, after);
        var removed = diff.Removed.ToHashSet(StringComparer.Ordinal);
        var union = after with { Nodes = [.. after.Nodes, .. before.Nodes.Where(n => removed.Contains(n.Id))] };
        var positions = LayeredLayout.Compute(union);
        var added = diff.Added.ToHashSet(StringComparer.Ordinal);
        var changed = diff.Changed.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var nodes = union.Nodes.Select(n => new DiffNode(n.Id, n.Tool,
            added.Contains(n.Id) ? DiffState.Added : removed.Contains(n.Id) ? DiffState.Removed : changed.ContainsKey(n.Id) ? DiffState.Changed : DiffState.Unchanged,
            positions[n.Id])
        {
            Fields = changed.TryGetValue(n.Id, out var change) ? change.Fields : [],
            Arguments = change?.Arguments ?? [],
        }).ToArray();
        var addedEdges = diff.AddedEdges.ToHashSet();
        var graph = WorkflowGraph.Build(after);
        var edges = after.Nodes
            .SelectMany(n => graph.DependenciesOf(n.Id).Select(from => new EdgeChange(from, n.Id)))
            .Select(e => new DiffEdge(e.From, e.To, addedEdges.Contains(e) ? DiffState.Added : DiffState.Unchanged))
            .Concat(diff.RemovedEdges.Select(e => new DiffEdge(e.From, e.To, DiffState.Removed)))
            .ToArray();
        return new VersionComparison(diff, nodes, edges);
    }

    /// <summary>An argument value for the text list: compact JSON, "(none)" when absent, cut at <see cref="MaxValueLength"/>.</summary>
    public static string Show(JsonElement? value)
    {
        if (value is not { } element)
        {
            return "(none)";
        }
        // Compact JSON on one line, however the value was written (stored definitions and outputs may be indented).
        var text = CompactJson.Of(element);
        return text.Length <= MaxValueLength ? text : string.Concat(text.AsSpan(0, MaxValueLength - 1), "…");
    }

    /// <summary>The word a person reads for a state (legend, list and the SVG's accessible names).</summary>
    public static string Label(DiffState state) => state switch
    {
        DiffState.Added => "added",
        DiffState.Removed => "removed",
        DiffState.Changed => "changed",
        _ => "unchanged",
    };

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
