using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Bench.Reporting;
using WorkflowStudio.Bench.Runners;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows;
using static WorkflowStudio.Bench.Scenarios.BenchContext;

namespace WorkflowStudio.Bench.Scenarios;

/// <summary>
/// The result cache's hit path: a one-node run of the no-op <c>sim/work</c> (<c>ms: 0</c>) completed from the cache, against
/// the same run calling the tool without a cache (the baseline) and with a cache that misses (call + store), in the same run.
/// </summary>
internal sealed class CacheScenario(BenchContext context)
{
    public async Task RunAsync(EngineRunner engine, CancellationToken cancellationToken)
    {
        Log("result cache");
        var runs = context.Options.Smoke ? 10 : context.Options.Quick ? 60 : 300;
        var table = context.Report.Add(new BenchReport.Section(
            "5b. Result cache hit path",
            BenchReport.Invariant($"{runs} one-node runs each, one at a time, start → result, of `sim/work` with `ms: 0` (read-only, no work): ") +
            "without `cache` (the tool is called; the baseline), with a cache that misses (a new `key` each run: call, then store the output), " +
            "and with a cache that hits (the same `key`, stored before: no call). Same engine, same embedded SQLite database.",
            "node", "p50 / p95 / p99 ms per run", "÷ baseline p50", "tool calls"));
        var coordinator = engine.Services.GetRequiredService<IRunCoordinator>();
        await RunOnceAsync(coordinator, Workflow(new NodeCache { TtlSeconds = 3600, Key = "hit" }), expectCached: false, cancellationToken); // prime
        var baseline = await MeasureAsync(coordinator, runs, _ => Workflow(null), expectCached: false, cancellationToken);
        var misses = await MeasureAsync(coordinator, runs, _ => Workflow(new NodeCache { TtlSeconds = 3600, Key = $"miss-{Guid.NewGuid():N}" }), expectCached: false, cancellationToken);
        var hits = await MeasureAsync(coordinator, runs, _ => Workflow(new NodeCache { TtlSeconds = 3600, Key = "hit" }), expectCached: true, cancellationToken);
        var p50 = Stats.Percentile(baseline, 50);
        table.Row("no cache (baseline)", Percentiles(baseline), "1.00×", "1 per run");
        table.Row("cache miss (call + store)", Percentiles(misses), $"{F(Stats.Percentile(misses, 50) / p50, "0.00")}×", "1 per run");
        table.Row("cache hit", Percentiles(hits), $"**{F(Stats.Percentile(hits, 50) / p50, "0.00")}×**", "0");
        table.Note("A hit still journals the run and the node (start, completion, run close) and reads the cache row; what it saves is the " +
            "node's take-and-attempt transaction and the call itself, so against a tool that does real work the saving is that work.");
    }

    private static WorkflowDefinition Workflow(NodeCache? cache) => new()
    {
        Name = "cache-bench",
        Nodes = [new WorkflowNode { Id = "n", Tool = $"{SimulatedTools.Server}/work", Args = JsonElement.Parse("""{ "ms": 0 }"""), Cache = cache }],
    };

    private static async Task<List<double>> MeasureAsync(
        IRunCoordinator coordinator, int runs, Func<int, WorkflowDefinition> workflow, bool expectCached, CancellationToken cancellationToken)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await RunOnceAsync(coordinator, workflow(i), expectCached, cancellationToken);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return times;
    }

    private static async Task RunOnceAsync(IRunCoordinator coordinator, WorkflowDefinition workflow, bool expectCached, CancellationToken cancellationToken)
    {
        var runId = await coordinator.StartAsync(workflow, new Dictionary<string, JsonElement>(), TenantId.Default, cancellationToken: cancellationToken);
        var result = await coordinator.WaitAsync(runId, cancellationToken: cancellationToken);
        var node = result.Results.Single();
        if (result.Status != RunStatus.Success || node.Cached != expectCached)
        {
            throw new InvalidOperationException($"cache bench run {runId} ended {result.Status} with cached={node.Cached} (expected {expectCached}): {node.Error}");
        }
    }
}
