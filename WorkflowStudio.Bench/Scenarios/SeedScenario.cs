using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Bench.Dags;
using WorkflowStudio.Bench.Reporting;
using WorkflowStudio.Bench.Runners;
using WorkflowStudio.Engine.Templates;
using static WorkflowStudio.Bench.Scenarios.BenchContext;

namespace WorkflowStudio.Bench.Scenarios;

/// <summary>Scenario 5: the seed's three scenarios, one node at a time (the seed's naive loop) vs WorkflowStudio's parallel run.</summary>
internal sealed class SeedScenario(BenchContext context)
{
    public async Task RunAsync(EngineRunner engine, CancellationToken cancellationToken)
    {
        Log("seed scenarios");
        var catalog = engine.Services.GetRequiredService<ITemplateCatalog>();
        var scale = context.Options.LatencyScale;
        var table = context.Report.Add(new BenchReport.Section(
            "5. Seed scenarios",
            BenchReport.Invariant($"The three seed templates with their graphs kept (explicit and binding-implied dependencies) and every tool swapped for `sim/work` waiting a typical latency for that tool (×{scale} in this mode): ") +
            string.Join(", ", SeedTemplates.LatencyMs.Select(kv => $"`{kv.Key}` {kv.Value} ms")) + ". " +
            "Sequential = the same nodes through the same engine, chained in topological order so one runs at a time (the seed's loop); " +
            "parallel = the template's own graph. Both branches of `customer-support-refund`'s `when` conditions run here (the simulated outputs decide nothing).",
            "template", "nodes", "Σ latencies ms", "CP ms", "sequential ms (÷ Σ)", "parallel ms (÷ CP)", "speed-up (sequential ÷ parallel)"));
        var templates = context.Options.Smoke ? SeedTemplates.Ids.Take(1) : SeedTemplates.Ids;
        foreach (var id in templates)
        {
            var dag = SeedTemplates.Load(catalog, id, scale);
            var sequential = dag.Sequential();
            var seqTimes = new List<double>();
            var parTimes = new List<double>();
            for (var i = 0; i < context.Options.Repetitions; i++)
            {
                seqTimes.Add((await engine.RunAsync(sequential, cancellationToken)).Wall.TotalMilliseconds);
                parTimes.Add((await engine.RunAsync(dag, cancellationToken)).Wall.TotalMilliseconds);
            }
            var seq = Stats.Median(seqTimes);
            var par = Stats.Median(parTimes);
            var sum = dag.SequentialTime.TotalMilliseconds;
            var cp = dag.CriticalPath.TotalMilliseconds;
            table.Row(id, dag.Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), F(sum), F(cp), $"{F(seq)} ({F(seq / sum, "0.000")}×)",
                $"{F(par)} ({F(par / cp, "0.000")}×)", $"**{F(seq / par, "0.00")}×**");
        }
        table.Note("LLMCompiler reports up to 3.7× over sequential ReAct-style execution; the speed-up here is bounded by each template's Σ ÷ CP, " +
            "i.e. by how much of the graph can overlap, and the engine gets within the ÷ CP column of it.");
    }
}
