using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Bench;

/// <summary>The benchmark DAGs: every node calls <c>sim/work</c> with its own latency in <c>args.ms</c>.</summary>
internal static class DagShapes
{
    public sealed record Dag(string Name, WorkflowDefinition Workflow, IReadOnlyDictionary<string, int> LatencyMs)
    {
        public TimeSpan CriticalPath => WorkflowGraph.Build(Workflow).CriticalPath(id => TimeSpan.FromMilliseconds(LatencyMs[id])).Length;
        public int Nodes => Workflow.Nodes.Count;
    }

    /// <summary>A → (B, C, D) → E with uneven siblings.</summary>
    public static Dag Diamond(int unitMs)
    {
        var b = new DagBuilder("diamond");
        b.Add("a", unitMs);
        b.Add("b", unitMs, "a");
        b.Add("c", unitMs / 4, "a");
        b.Add("d", unitMs / 2, "a");
        b.Add("e", unitMs, "b", "c", "d");
        return b.Build();
    }

    public static Dag Chain(int length, int ms)
    {
        var b = new DagBuilder($"chain-{length}");
        for (var i = 0; i < length; i++)
        {
            b.Add($"n{i}", ms, i == 0 ? [] : [$"n{i - 1}"]);
        }
        return b.Build();
    }

    public static Dag FanOutIn(int width, Random random, int minMs, int maxMs)
    {
        var b = new DagBuilder($"fan-{width}");
        b.Add("start", minMs);
        for (var i = 0; i < width; i++)
        {
            b.Add($"w{i}", random.Next(minMs, maxMs + 1), "start");
        }
        b.Add("end", minMs, Enumerable.Range(0, width).Select(i => $"w{i}").ToArray());
        return b.Build();
    }

    /// <summary><paramref name="depth"/> layers of <paramref name="width"/> nodes; each node depends on 1–3 random nodes of the previous layer.</summary>
    public static Dag Layered(string name, int width, int depth, Random random, int minMs, int maxMs)
    {
        var b = new DagBuilder(name);
        for (var layer = 0; layer < depth; layer++)
        {
            for (var i = 0; i < width; i++)
            {
                var deps = layer == 0 ? [] : Enumerable.Range(0, random.Next(1, Math.Min(3, width) + 1))
                    .Select(_ => $"l{layer - 1}n{random.Next(width)}").Distinct().ToArray();
                b.Add($"l{layer}n{i}", random.Next(minMs, maxMs + 1), deps);
            }
        }
        return b.Build();
    }

    private sealed class DagBuilder(string name)
    {
        private readonly List<WorkflowNode> _nodes = [];
        private readonly Dictionary<string, int> _latency = new(StringComparer.Ordinal);

        public void Add(string id, int ms, params string[] dependsOn)
        {
            _nodes.Add(new WorkflowNode
            {
                Id = id,
                Tool = $"{SimulatedTools.Server}/work",
                Args = JsonSerializer.SerializeToElement(new { ms }),
                DependsOn = dependsOn,
            });
            _latency[id] = ms;
        }

        public Dag Build() => new(name, new WorkflowDefinition { Name = name, Nodes = _nodes }, _latency);
    }
}
