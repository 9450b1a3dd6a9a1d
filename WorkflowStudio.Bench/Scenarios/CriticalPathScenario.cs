using WorkflowStudio.Bench.Dags;
using WorkflowStudio.Bench.Reporting;
using WorkflowStudio.Bench.Runners;
using static WorkflowStudio.Bench.Scenarios.BenchContext;

namespace WorkflowStudio.Bench.Scenarios;

/// <summary>
/// Scenario 1: wall time against the critical path and against the Task.WhenAll floor, per DAG and per deployment
/// (embedded with in-process or MCP tools, PostgreSQL with 1 or 2 worker processes).
/// </summary>
internal sealed class CriticalPathScenario
{
    private readonly BenchContext _context;
    private readonly Dictionary<string, double> _floorMs = new(StringComparer.Ordinal);
    private readonly BenchReport.Section _table;
    private readonly List<(Dag Dag, double Wall, double Floor)> _embedded = [];

    public CriticalPathScenario(BenchContext context)
    {
        _context = context;
        _table = context.Report.Add(new BenchReport.Section(
            "1. Critical-path efficiency",
            "Wall time from `StartAsync` to the finished result against the critical path (CP: the sum of tool latencies along the longest path) " +
            "and against the floor: a plain `Task.WhenAll` DAG runner in the same process with the same waits, no journal, no queue. " +
            "Overhead per node = (wall − floor) ÷ nodes. Dispatch latency = from a node's last dependency finishing to the node's first attempt " +
            "starting, from the journaled events. Worker processes start the nodes that become ready in them themselves (in-process dispatch); " +
            "the baseline row runs the same embedded engine with `Execution:InProcessSlots = 0`, every node through the Hangfire queue.",
            "deployment", "DAG", "nodes", "CP ms", "floor ms (÷ CP)", "wall ms", "wall ÷ CP", "wall ÷ floor", "overhead ms/node", "dispatch p50 / p95 / p99 ms"));
    }

    public async Task MeasureFloorAsync(CancellationToken cancellationToken)
    {
        var floor = new WhenAllRunner();
        await floor.RunAsync(DagShapes.Chain(3, 1), cancellationToken);
        foreach (var dag in _context.StandardDags)
        {
            var times = new List<double>();
            for (var i = 0; i < _context.Options.Repetitions; i++)
            {
                times.Add(await TimeAsync(() => floor.RunAsync(dag, cancellationToken)));
            }
            _floorMs[dag.Name] = Stats.Median(times);
        }
    }

    /// <param name="baseline">A comparison deployment: in the table, not in the targets.</param>
    public async Task RunAsync(string deployment, EngineRunner engine, DagTool tool, CancellationToken cancellationToken, bool baseline = false)
    {
        Log($"critical path: {deployment}");
        await engine.RunAsync(DagShapes.Chain(5, 1).WithTool(tool), cancellationToken); // warm-up: JIT, connections, the MCP server
        foreach (var dag in _context.StandardDags)
        {
            var runs = new List<EngineRunner.Measurement>();
            for (var i = 0; i < _context.Options.Repetitions; i++)
            {
                runs.Add(await engine.RunAsync(dag.WithTool(tool), cancellationToken));
            }
            if (runs.FirstOrDefault(r => r.Status != "success") is { } failed)
            {
                throw new InvalidOperationException($"{deployment}: {dag.Name} ended {failed.Status}");
            }
            var cp = dag.CriticalPath.TotalMilliseconds;
            var floor = _floorMs[dag.Name];
            var wall = Stats.Median(runs.Select(r => r.Wall.TotalMilliseconds));
            var latencies = runs.SelectMany(r => r.DispatchLatencyMs).ToArray();
            _table.Row(deployment, dag.Name, dag.Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), F(cp), $"{F(floor)} ({F(floor / cp, "0.000")}×)",
                F(wall), $"**{F(wall / cp, "0.000")}×**", $"{F(wall / floor, "0.000")}×", F(Math.Max(0, wall - floor) / dag.Nodes, "0.00"), Percentiles(latencies));
            if (baseline)
            {
                continue;
            }
            if (tool == DagTool.Simulated)
            {
                _embedded.Add((dag, wall, floor));
            }
            if (!_latencies.TryGetValue(deployment, out var all))
            {
                _latencies[deployment] = all = [];
            }
            all.AddRange(latencies);
        }
    }

    private readonly Dictionary<string, List<double>> _latencies = new(StringComparer.Ordinal);

    public void AddTargets()
    {
        if (_embedded.Count == 0)
        {
            return;
        }
        var worst = _embedded.MaxBy(e => e.Wall - (1.05 * e.Dag.CriticalPath.TotalMilliseconds + 20))!;
        var cp = worst.Dag.CriticalPath.TotalMilliseconds;
        _context.Report.Target("wall ≤ 1.05 × critical path + 20 ms, embedded",
            $"worst: {worst.Dag.Name} {F(worst.Wall)} ms vs limit {F(1.05 * cp + 20)} ms ({F(worst.Wall / cp, "0.000")}× CP)",
            _embedded.All(e => e.Wall <= 1.05 * e.Dag.CriticalPath.TotalMilliseconds + 20));
        var overhead = _embedded.Select(e => (e.Dag, PerNode: Math.Max(0, e.Wall - e.Floor) / e.Dag.Nodes)).MaxBy(e => e.PerNode);
        _context.Report.Target("engine overhead ≤ 1 ms per node, embedded",
            $"worst: {overhead.Dag.Name} {F(overhead.PerNode, "0.00")} ms/node", overhead.PerNode <= 1);
        foreach (var (deployment, latencies) in _latencies)
        {
            var limit = deployment.StartsWith("PostgreSQL", StringComparison.Ordinal) ? 50 : 20;
            var p95 = Stats.Percentile(latencies, 95);
            _context.Report.Target($"p95 dispatch latency ≤ {limit} ms, {deployment} (scenario 1 DAGs)", $"{F(p95, "0.0")} ms", p95 <= limit);
        }
    }
}
