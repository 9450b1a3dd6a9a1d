using WorkflowStudio.Engine.Workflows.Bindings;

namespace WorkflowStudio.Engine.Workflows;

/// <summary>
/// The dependency structure of a workflow: explicit <c>dependsOn</c> plus every <c>steps.ID</c> binding in a
/// node's args, <c>when</c> and fallback args. Unknown ids are ignored here (the validator reports them).
/// </summary>
public sealed class WorkflowGraph
{
    private readonly Dictionary<string, string[]> _dependencies;
    private readonly Dictionary<string, List<string>> _dependants;

    private WorkflowGraph(WorkflowDefinition definition)
    {
        Definition = definition;
        var ids = new HashSet<string>(definition.Nodes.Select(n => n.Id), StringComparer.Ordinal);
        _dependencies = new Dictionary<string, string[]>(StringComparer.Ordinal);
        _dependants = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in definition.Nodes)
        {
            _dependants.TryAdd(node.Id, []);
        }
        foreach (var node in definition.Nodes)
        {
            var deps = DependenciesOf(node).Where(d => ids.Contains(d) && d != node.Id).Distinct(StringComparer.Ordinal).ToArray();
            _dependencies[node.Id] = deps;
            foreach (var dep in deps)
            {
                _dependants[dep].Add(node.Id);
            }
        }
    }

    public WorkflowDefinition Definition { get; }

    public static WorkflowGraph Build(WorkflowDefinition definition) => new(definition);

    public IReadOnlyList<string> DependenciesOf(string nodeId) =>
        _dependencies.TryGetValue(nodeId, out var deps) ? deps : [];

    public IReadOnlyList<string> DependantsOf(string nodeId) =>
        _dependants.TryGetValue(nodeId, out var deps) ? deps : [];

    /// <summary>Nodes with no dependencies, in definition order.</summary>
    public IEnumerable<string> Roots => Definition.Nodes.Where(n => _dependencies[n.Id].Length == 0).Select(n => n.Id);

    /// <summary>All explicit and implicit dependency ids of a node, including unknown ones.</summary>
    public static IEnumerable<string> DependenciesOf(WorkflowNode node)
    {
        foreach (var dep in node.DependsOn)
        {
            yield return dep;
        }
        var bindings = BindingScanner.Scan(node.Args, "$")
            .Concat(node.When is null ? [] : BindingScanner.ScanString(node.When, "$"))
            .Concat(BindingScanner.Scan(node.Fallback?.Args, "$"))
            .Concat(node.Cache?.Key is { } key ? BindingScanner.ScanString(key, "$") : []);
        foreach (var binding in bindings)
        {
            if (binding.Path is { IsStep: true } path)
            {
                yield return path.Name;
            }
        }
    }

    /// <summary>Kahn's order; null when there is a cycle (see <see cref="FindCycle"/>).</summary>
    public IReadOnlyList<string>? TopologicalOrder()
    {
        var remaining = _dependencies.ToDictionary(p => p.Key, p => p.Value.Length, StringComparer.Ordinal);
        var ready = new Queue<string>(Definition.Nodes.Where(n => remaining[n.Id] == 0).Select(n => n.Id));
        var order = new List<string>(remaining.Count);
        while (ready.Count > 0)
        {
            var id = ready.Dequeue();
            order.Add(id);
            foreach (var dependant in _dependants[id])
            {
                if (--remaining[dependant] == 0)
                {
                    ready.Enqueue(dependant);
                }
            }
        }
        return order.Count == remaining.Count ? order : null;
    }

    /// <summary>One dependency cycle in execution order (first id repeated at the end), or null.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        // Iterative depth-first search (a 5000-node chain must not exhaust the stack).
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the current path, 2 = done
        var path = new List<string>();
        var next = new Stack<int>(); // per path entry: index of the next dependency to visit
        foreach (var node in Definition.Nodes)
        {
            if (state.ContainsKey(node.Id))
            {
                continue;
            }
            state[node.Id] = 1;
            path.Add(node.Id);
            next.Push(0);
            while (path.Count > 0)
            {
                var id = path[^1];
                var position = next.Pop();
                var dependencies = _dependencies[id];
                if (position == dependencies.Length)
                {
                    state[id] = 2;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }
                next.Push(position + 1);
                var dependency = dependencies[position];
                if (!state.TryGetValue(dependency, out var s))
                {
                    state[dependency] = 1;
                    path.Add(dependency);
                    next.Push(0);
                }
                else if (s == 1)
                {
                    // path runs dependant -> dependency; reversed it is execution order: each id runs before the next.
                    List<string> cycle = [.. path.Skip(path.LastIndexOf(dependency)), dependency];
                    cycle.Reverse();
                    return cycle;
                }
            }
        }
        return null;
    }

    /// <summary>Longest path by per-node durations (critical path); returns its length and node ids.</summary>
    public (TimeSpan Length, IReadOnlyList<string> Path) CriticalPath(Func<string, TimeSpan> duration)
    {
        var order = TopologicalOrder() ?? throw new InvalidOperationException("The workflow has a cycle.");
        var finish = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var id in order)
        {
            var start = TimeSpan.Zero;
            string? via = null;
            foreach (var dep in _dependencies[id])
            {
                if (finish[dep] > start)
                {
                    start = finish[dep];
                    via = dep;
                }
            }
            finish[id] = start + duration(id);
            previous[id] = via;
        }
        if (finish.Count == 0)
        {
            return (TimeSpan.Zero, []);
        }
        var last = finish.MaxBy(p => p.Value).Key;
        var path = new List<string>();
        for (string? at = last; at is not null; at = previous[at])
        {
            path.Add(at);
        }
        path.Reverse();
        return (finish[last], path);
    }
}
