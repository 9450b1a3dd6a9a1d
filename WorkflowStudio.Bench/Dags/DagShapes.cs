using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Bench.Dags;

/// <summary>The benchmark DAGs: every node calls <c>sim/work</c> with its own latency in <c>args.ms</c> (see <see cref="Dag.WithTool"/>).</summary>
internal static class DagShapes
{
    /// <summary>A → (B, C, D) → E with uneven siblings (1, ¼ and ½ of the unit): the smallest DAG where a barrier costs.</summary>
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

    /// <summary>Two branches that meet only at the end: 3 slow nodes (1 unit each) beside 8 fast ones (¼ unit each); in lockstep, fast nodes wait for slow ones.</summary>
    public static Dag UnevenBranches(int unitMs)
    {
        var b = new DagBuilder("uneven-branches");
        b.Add("start", unitMs / 10);
        for (var i = 0; i < 8; i++)
        {
            b.Add($"fast{i}", unitMs / 4, i == 0 ? "start" : $"fast{i - 1}");
        }
        for (var i = 0; i < 3; i++)
        {
            b.Add($"slow{i}", unitMs, i == 0 ? "start" : $"slow{i - 1}");
        }
        b.Add("end", unitMs / 10, "fast7", "slow2");
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

    /// <summary><paramref name="nodes"/> nodes in a random order; each depends on 0–3 of the 10 nodes before it (many roots, joins and sinks).</summary>
    public static Dag Random(string name, int nodes, Random random, int minMs, int maxMs)
    {
        var b = new DagBuilder(name);
        for (var i = 0; i < nodes; i++)
        {
            var deps = i == 0 ? [] : Enumerable.Range(0, random.Next(0, 4))
                .Select(_ => $"n{random.Next(Math.Max(0, i - 10), i)}").Distinct().ToArray();
            b.Add($"n{i}", random.Next(minMs, maxMs + 1), deps);
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
                Tool = DagTool.Simulated.Tool,
                Args = JsonSerializer.SerializeToElement(new Dictionary<string, int> { [DagTool.Simulated.LatencyArgument] = ms }),
                DependsOn = dependsOn,
            });
            _latency[id] = ms;
        }

        public Dag Build() => new(name, new WorkflowDefinition { Name = name, Nodes = _nodes }, _latency);
    }
}
