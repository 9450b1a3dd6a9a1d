using System.Collections.Immutable;
using System.Text;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// The canvas model, free of any UI: the workflow being edited, node positions, and every edit as an undoable
/// step. The Razor canvas renders it and forwards user gestures to it; <see cref="Changed"/> says when to re-render.
/// </summary>
public sealed class WorkflowEditor
{
    private readonly EditHistory<EditorState> _history;
    private readonly LayoutOptions _layout;

    public WorkflowEditor(WorkflowDefinition? workflow = null, LayoutOptions? layout = null)
    {
        _layout = layout ?? LayoutOptions.Default;
        var initial = workflow ?? Empty();
        _history = new EditHistory<EditorState>(new EditorState(initial, Layout(initial)));
        _clean = initial;
    }

    // The workflow as last saved or opened (template, saved version); positions are not saved, so moving nodes changes nothing.
    private WorkflowDefinition _clean;
    private WorkflowDefinition? _compared;
    private bool _comparedDiffers;

    /// <summary>Raised after every change of <see cref="Workflow"/> or <see cref="Positions"/>, including undo and redo.</summary>
    public event Action? Changed;

    public WorkflowDefinition Workflow => _history.Current.Workflow;
    private EditorState State => _history.Current;
    public IReadOnlyDictionary<string, NodePosition> Positions => _history.Current.Positions;
    public bool CanUndo => _history.CanUndo;
    public bool CanRedo => _history.CanRedo;

    /// <summary>
    /// Whether <see cref="Workflow"/> differs from what was last saved or opened (<see cref="MarkClean"/>): an edit, a plan
    /// or an import not saved yet. Undoing back to the saved workflow makes it clean again.
    /// </summary>
    public bool HasUnsavedChanges
    {
        get
        {
            var current = Workflow;
            if (ReferenceEquals(current, _clean))
            {
                return false;
            }
            if (!ReferenceEquals(current, _compared))
            {
                _compared = current;
                _comparedDiffers = WorkflowJson.Serialize(current) != WorkflowJson.Serialize(_clean);
            }
            return _comparedDiffers;
        }
    }

    /// <summary>Takes the current workflow as saved (after a save, or on opening a saved workflow or a template).</summary>
    public void MarkClean()
    {
        _clean = Workflow;
        _compared = null;
    }

    public static WorkflowDefinition Empty(string name = "untitled") => new() { Name = name, Nodes = [] };

    /// <summary>Replaces the whole workflow (plan, template, import, version restore) and lays it out; undoable.</summary>
    public void Load(WorkflowDefinition workflow, bool resetHistory = false)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var state = new EditorState(workflow, Layout(workflow));
        if (resetHistory)
        {
            _history.Reset(state);
        }
        else
        {
            _history.Record(state);
        }
        Changed?.Invoke();
    }

    /// <summary>Adds a node calling <paramref name="tool"/> at (x, y) with an id derived from the tool name; returns the id.</summary>
    public string AddNode(string tool, double x, double y)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tool);
        var id = UniqueId(tool);
        var node = new WorkflowNode { Id = id, Tool = tool };
        Commit(Workflow with { Nodes = [.. Workflow.Nodes, node] }, State.Positions.SetItem(id, new NodePosition(x, y)));
        return id;
    }

    public void RemoveNode(string id)
    {
        if (Workflow.FindNode(id) is null)
        {
            return;
        }
        var nodes = Workflow.Nodes.Where(n => n.Id != id)
            .Select(n => n.DependsOn.Contains(id) ? n with { DependsOn = n.DependsOn.Where(d => d != id).ToArray() } : n)
            .ToArray();
        Commit(Workflow with { Nodes = nodes }, State.Positions.Remove(id));
    }

    /// <summary>Makes <paramref name="to"/> depend on <paramref name="from"/>; returns why not (unknown node, self link, cycle) or null.</summary>
    public string? Connect(string from, string to)
    {
        if (Workflow.FindNode(from) is null || Workflow.FindNode(to) is not { } target)
        {
            return $"cannot connect '{from}' to '{to}': both nodes must exist";
        }
        if (from == to)
        {
            return $"node '{from}' cannot depend on itself";
        }
        var graph = WorkflowGraph.Build(Workflow);
        if (graph.DependenciesOf(to).Contains(from))
        {
            return null;
        }
        if (Ancestors(graph, from).Contains(to))
        {
            return $"'{to}' already runs before '{from}'; linking '{from}' → '{to}' would make a cycle";
        }
        Replace(target, target with { DependsOn = [.. target.DependsOn, from] });
        return null;
    }

    /// <summary>Removes the explicit dependency of <paramref name="to"/> on <paramref name="from"/>; says so when a binding keeps it.</summary>
    public string? Disconnect(string from, string to)
    {
        if (Workflow.FindNode(to) is not { } target)
        {
            return null;
        }
        if (target.DependsOn.Contains(from))
        {
            Replace(target, target with { DependsOn = target.DependsOn.Where(d => d != from).ToArray() });
        }
        return WorkflowGraph.Build(Workflow).DependenciesOf(to).Contains(from)
            ? $"'{to}' still depends on '{from}' through a {{{{ steps.{from}... }}}} binding; edit that binding to remove the link"
            : null;
    }

    /// <summary>Replaces node <paramref name="id"/>; a changed id is carried into other nodes' dependsOn and the positions.</summary>
    public void UpdateNode(string id, WorkflowNode updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        if (Workflow.FindNode(id) is not { } current || current == updated)
        {
            return;
        }
        Replace(current, updated);
    }

    public void UpdateWorkflow(Func<WorkflowDefinition, WorkflowDefinition> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var next = change(Workflow);
        if (next != Workflow)
        {
            Commit(next with { Nodes = Workflow.Nodes }, State.Positions);
        }
    }

    /// <summary>Moves a node; not an undo step of its own (positions travel with the next edit's snapshot).</summary>
    public void MoveNode(string id, double x, double y)
    {
        if (!Positions.TryGetValue(id, out var position) || (position.X == x && position.Y == y))
        {
            return;
        }
        _history.Replace(_history.Current with { Positions = _history.Current.Positions.SetItem(id, position with { X = x, Y = y }) });
    }

    public void Relayout() => Commit(Workflow, Layout(Workflow));

    public bool Undo() => Notify(_history.Undo());

    public bool Redo() => Notify(_history.Redo());

    private void Replace(WorkflowNode current, WorkflowNode updated)
    {
        var renamed = current.Id != updated.Id;
        var nodes = Workflow.Nodes.Select(n => n == current ? updated
            : renamed && n.DependsOn.Contains(current.Id) ? n with { DependsOn = n.DependsOn.Select(d => d == current.Id ? updated.Id : d).ToArray() }
            : n).ToArray();
        var positions = State.Positions;
        if (renamed && positions.TryGetValue(current.Id, out var position))
        {
            positions = positions.Remove(current.Id).SetItem(updated.Id, position);
        }
        Commit(Workflow with { Nodes = nodes }, positions);
    }

    private void Commit(WorkflowDefinition workflow, ImmutableDictionary<string, NodePosition> positions)
    {
        _history.Record(new EditorState(workflow, positions));
        Changed?.Invoke();
    }

    private bool Notify(bool changed)
    {
        if (changed)
        {
            Changed?.Invoke();
        }
        return changed;
    }

    private ImmutableDictionary<string, NodePosition> Layout(WorkflowDefinition workflow) =>
        LayeredLayout.Compute(workflow, _layout).ToImmutableDictionary(StringComparer.Ordinal);

    private static HashSet<string> Ancestors(WorkflowGraph graph, string id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([id]);
        while (stack.TryPop(out var at))
        {
            foreach (var dependency in graph.DependenciesOf(at))
            {
                if (seen.Add(dependency))
                {
                    stack.Push(dependency);
                }
            }
        }
        return seen;
    }

    private string UniqueId(string tool)
    {
        var name = ToolReference.TryParse(tool, out var reference) ? reference.Name : tool;
        var id = new StringBuilder();
        foreach (var c in name)
        {
            id.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }
        if (id.Length == 0 || !(char.IsAsciiLetter(id[0]) || id[0] == '_'))
        {
            id.Insert(0, "step_");
        }
        var baseId = id.ToString();
        var candidate = baseId;
        for (var n = 2; Workflow.FindNode(candidate) is not null; n++)
        {
            candidate = $"{baseId}_{n}";
        }
        return candidate;
    }
}
