using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Bench.Dags;
using WorkflowStudio.Bench.Reporting;
using WorkflowStudio.Bench.Runners;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using static WorkflowStudio.Bench.Scenarios.BenchContext;

namespace WorkflowStudio.Bench.Scenarios;

/// <summary>Scenario 4: one workflow of 10 → 5,000 no-op nodes: validation, plan metadata, run time and memory per node.</summary>
internal sealed class ScalingScenario(BenchContext context)
{
    public async Task RunAsync(EngineRunner engine, string chartPath, CancellationToken cancellationToken)
    {
        Log("scaling");
        int[] sizes = context.Options.Smoke ? [10, 50] : context.Options.Quick ? [10, 100, 1000] : [10, 100, 1000, 5000];
        var catalog = engine.Services.GetRequiredService<IToolCatalog>();
        var estimator = engine.Services.GetRequiredService<IPlanEstimator>();
        var floor = new WhenAllRunner();
        var table = context.Report.Add(new BenchReport.Section(
            "4. Scaling",
            (context.Options.Quick ? "Quick mode stops at 1,000 nodes; the full run goes to 5,000. " : "") +
            "One workflow of N no-op `sim/work` nodes in 10 layers (N ÷ 10 wide; each node depends on 1–3 nodes of the layer before). " +
            "Validation = `WorkflowValidator.ValidateAsync` (graph, tools, argument schemas); plan metadata = `IPlanEstimator.EstimateAsync` " +
            "(critical path, width, depth, cost); run = `StartAsync` → result on the embedded engine; allocated = bytes allocated by the whole " +
            "process during the run (GC), per node. Baseline: the floor runner on the same DAG, and each stage's per-node cost at 100 nodes " +
            "(last column: 1.00 everywhere means the total grows linearly).",
            "nodes", "validation ms (µs/node)", "plan metadata ms (µs/node)", "run ms (ms/node)", "floor run ms", "allocated KB/node", "per node ÷ at 100: validate / plan / run / memory"));
        var rows = new List<(int N, double Validate, double Plan, double Run, double Kb)>();
        var warmUp = DagShapes.Chain(5, 0); // JIT and first-use costs out of the first row
        await WorkflowValidator.ValidateAsync(warmUp.Workflow, catalog, cancellationToken: cancellationToken);
        await estimator.EstimateAsync(warmUp.Workflow, cancellationToken);
        await engine.RunAsync(warmUp, cancellationToken);
        foreach (var n in sizes)
        {
            var dag = DagShapes.Layered($"scale-{n}", Math.Max(1, n / 10), Math.Min(10, n), new Random(n), 0, 0);
            var validate = await TimeAsync(async () =>
            {
                var errors = await WorkflowValidator.ValidateAsync(dag.Workflow, catalog, cancellationToken: cancellationToken);
                if (errors.Count > 0)
                {
                    throw new InvalidOperationException($"scale-{n} is invalid: {errors[0].Path}: {errors[0].Message}");
                }
            });
            var plan = await TimeAsync(async () => await estimator.EstimateAsync(dag.Workflow, cancellationToken));
            var floorMs = await TimeAsync(() => floor.RunAsync(dag, cancellationToken));
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var run = await engine.RunAsync(dag, cancellationToken);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            if (run.Status != "success")
            {
                throw new InvalidOperationException($"scale-{n} ended {run.Status}");
            }
            var row = (N: n, Validate: validate / n, Plan: plan / n, Run: run.Wall.TotalMilliseconds / n, Kb: allocated / 1024.0 / n);
            rows.Add(row);
            Log($"  {n} nodes: validate {F(validate)} ms, plan {F(plan)} ms, run {F(run.Wall.TotalMilliseconds)} ms, {F(row.Kb)} KB/node");
            var reference = rows.FirstOrDefault(r => r.N >= 100);
            var relative = reference.N == 0 ? "–" :
                $"{F(row.Validate / reference.Validate, "0.00")} / {F(row.Plan / reference.Plan, "0.00")} / {F(row.Run / reference.Run, "0.00")} / {F(row.Kb / reference.Kb, "0.00")}";
            table.Row(n.ToString(CultureInfo.InvariantCulture), $"{F(validate, "0.0")} ({F(row.Validate * 1000, "0")})", $"{F(plan, "0.0")} ({F(row.Plan * 1000, "0")})",
                $"{F(run.Wall.TotalMilliseconds)} ({F(row.Run, "0.00")})", F(floorMs, "0.0"), F(row.Kb, "0.0"), relative);
        }
        ScalingChart.Save(chartPath, sizes, [
            new("validation", rows.Select(r => r.Validate).ToArray()),
            new("plan metadata", rows.Select(r => r.Plan).ToArray()),
            new("run", rows.Select(r => r.Run).ToArray()),
            new("allocated bytes", rows.Select(r => r.Kb).ToArray()),
        ]);
    }
}
