using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning;

/// <summary>What a revision changed, node by node (matched by id).</summary>
public sealed record WorkflowDiff
{
    public IReadOnlyList<string> Added { get; init; } = [];
    public IReadOnlyList<string> Removed { get; init; } = [];

    /// <summary>Nodes present in both versions whose definition differs, with the fields that differ.</summary>
    public IReadOnlyList<NodeChange> Changed { get; init; } = [];

    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

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
                changed.Add(new NodeChange(node.Id, fields));
            }
        }
        return new WorkflowDiff
        {
            Added = after.Nodes.Where(n => !old.ContainsKey(n.Id)).Select(n => n.Id).ToArray(),
            Removed = before.Nodes.Where(n => !now.ContainsKey(n.Id)).Select(n => n.Id).ToArray(),
            Changed = changed,
        };
    }

    /// <summary>One line for people: <c>+2 added (a, b), -1 removed (c), ~1 changed (d: tool, args)</c>.</summary>
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
