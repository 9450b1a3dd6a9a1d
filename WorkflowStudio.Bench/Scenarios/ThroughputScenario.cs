using WorkflowStudio.Bench.Dags;
using WorkflowStudio.Bench.Reporting;
using WorkflowStudio.Bench.Runners;
using static WorkflowStudio.Bench.Scenarios.BenchContext;

namespace WorkflowStudio.Bench.Scenarios;

/// <summary>Scenario 3: many concurrent runs of no-op nodes: nodes per second and dispatch latency under load.</summary>
internal sealed class ThroughputScenario
{
    private readonly BenchContext _context;
    private readonly BenchReport.Section _table;
    private readonly Dag[] _dags;
    private double? _floorNodesPerSecond;

    public ThroughputScenario(BenchContext context)
    {
        _context = context;
        var (runs, width) = context.Options.Smoke ? (5, 2) : context.Options.Quick ? (10, 2) : (100, 10);
        _dags = Enumerable.Range(0, runs).Select(i => DagShapes.Layered($"noop-{i}", width, 10, new Random(i), 0, 0)).ToArray();
        _table = context.Report.Add(new BenchReport.Section(
            "3. Throughput",
            BenchReport.Invariant($"{runs} runs started at once, each a layered DAG of {width * 10} no-op nodes ({width} wide, 10 deep; {runs * width * 10} nodes in all): ") +
            "nodes per second through the whole path (journal, queue, worker, tool call, journal, dispatch of dependants) and dispatch latency " +
            "under that load. Baseline: the floor runner executing the same runs at once.",
            "deployment", "runs × nodes", "wall ms", "nodes/s", "floor nodes/s", "÷ floor", "dispatch p50 / p95 / p99 ms"));
    }

    private int Nodes => _dags.Sum(d => d.Nodes);

    /// <param name="baseline">A comparison deployment: in the table, not in the targets.</param>
    public async Task RunAsync(string deployment, EngineRunner engine, DagTool tool, CancellationToken cancellationToken, bool baseline = false)
    {
        Log($"throughput: {deployment}");
        if (_floorNodesPerSecond is null)
        {
            var floor = new WhenAllRunner();
            var ms = await TimeAsync(() => Task.WhenAll(_dags.Select(d => floor.RunAsync(d, cancellationToken))));
            _floorNodesPerSecond = Nodes / (ms / 1000);
        }
        await engine.RunConcurrentAsync(_dags.Take(2).Select(d => d.WithTool(tool)).ToArray(), cancellationToken); // warm-up
        var measurement = await engine.RunConcurrentAsync(_dags.Select(d => d.WithTool(tool)).ToArray(), cancellationToken);
        if (measurement.Status != "success")
        {
            throw new InvalidOperationException($"throughput {deployment}: a run ended {measurement.Status}");
        }
        var perSecond = Nodes / measurement.Wall.TotalSeconds;
        _table.Row(deployment, $"{_dags.Length} × {_dags[0].Nodes}", F(measurement.Wall.TotalMilliseconds), F(perSecond), F(_floorNodesPerSecond.Value),
            F(perSecond / _floorNodesPerSecond.Value, "0.0000"), Percentiles(measurement.DispatchLatencyMs));
        if (baseline)
        {
            return;
        }
        var limit = deployment.StartsWith("PostgreSQL", StringComparison.Ordinal) ? 50 : 20;
        var p95 = Stats.Percentile(measurement.DispatchLatencyMs, 95);
        _context.Report.Target($"p95 dispatch latency ≤ {limit} ms, {deployment} under load (scenario 3)", $"{F(p95, "0.0")} ms at {F(perSecond)} nodes/s", p95 <= limit);
    }
}
