using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning;

/// <summary>
/// What changed between two versions of a workflow (a revision, or two saved versions): nodes matched by id, the
/// dependency edges of each (explicit and implied by bindings), and per changed node the arguments, old and new.
/// </summary>
public sealed record WorkflowDiff
{
    public IReadOnlyList<string> Added { get; init; } = [];
    public IReadOnlyList<string> Removed { get; init; } = [];

    /// <summary>Nodes present in both versions whose definition differs, with the fields that differ.</summary>
    public IReadOnlyList<NodeChange> Changed { get; init; } = [];

    /// <summary>Edges (from → to) only the later version has.</summary>
    public IReadOnlyList<EdgeChange> AddedEdges { get; init; } = [];

    /// <summary>Edges (from → to) only the earlier version has.</summary>
    public IReadOnlyList<EdgeChange> RemovedEdges { get; init; } = [];

    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0 && AddedEdges.Count == 0 && RemovedEdges.Count == 0;

    public static WorkflowDiff Compute(WorkflowDefinition before, WorkflowDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var now = after.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var changed = new List<NodeChange>();
        foreach (var node in after.Nodes)
        {
            if (old.TryGetValue(node.Id, out var previous) && FieldsChanged(previous, node) is { Count: > 0 } fields)
            {
                changed.Add(new NodeChange(node.Id, fields) { Arguments = ArgumentsChanged(previous.Args, node.Args) });
            }
        }
        var edgesBefore = Edges(before);
        var edgesAfter = Edges(after);
        return new WorkflowDiff
        {
            AddedEdges = edgesAfter.Where(e => !edgesBefore.Contains(e)).ToArray(),
            RemovedEdges = edgesBefore.Where(e => !edgesAfter.Contains(e)).ToArray(),
            Added = after.Nodes.Where(n => !old.ContainsKey(n.Id)).Select(n => n.Id).ToArray(),
            Removed = before.Nodes.Where(n => !now.ContainsKey(n.Id)).Select(n => n.Id).ToArray(),
            Changed = changed,
        };
    }

    /// <summary>One line for people: <c>+2 added (a, b), -1 removed (c), ~1 changed (d: tool, args)</c>; links follow from these.</summary>
    public override string ToString()
    {
        if (IsEmpty)
        {
            return "no changes";
        }
        var parts = new List<string>();
        if (Added.Count > 0)
        {
            parts.Add($"+{Added.Count} added ({string.Join(", ", Added)})");
        }
        if (Removed.Count > 0)
        {
            parts.Add($"-{Removed.Count} removed ({string.Join(", ", Removed)})");
        }
        if (Changed.Count > 0)
        {
            parts.Add($"~{Changed.Count} changed ({string.Join("; ", Changed.Select(c => $"{c.Id}: {string.Join(", ", c.Fields)}"))})");
        }
        return string.Join(", ", parts);
    }

    /// <summary>Every edge of the graph in node order, as the graph sees it (unknown ids and self-references left out).</summary>
    private static List<EdgeChange> Edges(WorkflowDefinition workflow)
    {
        var graph = WorkflowGraph.Build(workflow);
        return workflow.Nodes.SelectMany(n => graph.DependenciesOf(n.Id).Select(from => new EdgeChange(from, n.Id))).ToList();
    }

    /// <summary>Top-level arguments that differ; args that are not objects on either side compare as one argument named <c>$</c>.</summary>
    private static ArgumentChange[] ArgumentsChanged(JsonElement? before, JsonElement? after)
    {
        if (SameJson(before, after))
        {
            return [];
        }
        if (before is { ValueKind: not JsonValueKind.Object and not JsonValueKind.Undefined } || after is { ValueKind: not JsonValueKind.Object and not JsonValueKind.Undefined })
        {
            return [new ArgumentChange("$", before, after)];
        }
        var old = Properties(before);
        var now = Properties(after);
        return old.Keys.Union(now.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(name => new ArgumentChange(name, old.TryGetValue(name, out var a) ? a : null, now.TryGetValue(name, out var b) ? b : null))
            .Where(c => !SameJson(c.Before, c.After))
            .ToArray();
    }

    private static Dictionary<string, JsonElement> Properties(JsonElement? args)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (args is { ValueKind: JsonValueKind.Object } value)
        {
            foreach (var property in value.EnumerateObject())
            {
                properties[property.Name] = property.Value;
            }
        }
        return properties;
    }

    private static List<string> FieldsChanged(WorkflowNode a, WorkflowNode b)
    {
        var fields = new List<string>();
        Check(fields, "tool", a.Tool == b.Tool);
        Check(fields, "args", SameJson(a.Args, b.Args));
        Check(fields, "dependsOn", a.DependsOn.SequenceEqual(b.DependsOn, StringComparer.Ordinal));
        Check(fields, "timeoutSeconds", a.TimeoutSeconds == b.TimeoutSeconds);
        Check(fields, "retry", Equals(a.Retry, b.Retry));
        Check(fields, "fallback", a.Fallback?.Tool == b.Fallback?.Tool && SameJson(a.Fallback?.Args, b.Fallback?.Args));
        Check(fields, "when", a.When == b.When);
        Check(fields, "continueOnError", a.ContinueOnError == b.ContinueOnError);
        Check(fields, "approval", a.Approval == b.Approval);
        Check(fields, "cache", Equals(a.Cache, b.Cache));
        return fields;
    }

    private static void Check(List<string> fields, string name, bool same)
    {
        if (!same)
        {
            fields.Add(name);
        }
    }

    internal static bool SameJson(JsonElement? a, JsonElement? b) =>
        a is null || b is null ? a is null && b is null : JsonElement.DeepEquals(a.Value, b.Value);
}
