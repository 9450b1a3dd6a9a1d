using WorkflowStudio.Bench.Dags;
using WorkflowStudio.Bench.Reporting;
using WorkflowStudio.Bench.Runners;
using static WorkflowStudio.Bench.Scenarios.BenchContext;

namespace WorkflowStudio.Bench.Scenarios;

/// <summary>Scenario 2: the same DAGs through the floor, Agent Framework Workflows, WorkflowCore and WorkflowStudio.</summary>
internal sealed class SideBySideScenario(BenchContext context)
{
    public async Task RunAsync(EngineRunner studio, CancellationToken cancellationToken)
    {
        Log("side by side");
        await using var workflowCore = new WorkflowCoreRunner();
        IDagRunner[] runners = [new WhenAllRunner(), new AgentFrameworkRunner(), workflowCore, studio];
        var table = context.Report.Add(new BenchReport.Section(
            "2. Side by side",
            "The same DAG definitions and the same waits (`Task.Delay` of each node's latency) executed by: the floor; Microsoft Agent Framework " +
            "Workflows 1.28.0 in-process (one function executor per node, fan-out edges, fan-in barrier edges for joins); WorkflowCore 3.22.0 " +
            "(in-memory persistence; its builder only has series-parallel `Parallel().Do().Join()`, so each topological level is one parallel block); " +
            "WorkflowStudio embedded (SQLite journal, Hangfire). Siblings have different latencies, so superstep and level barriers show. " +
            "Each cell: wall ms (÷ critical path).",
            ["DAG", "nodes", "CP ms", .. runners.Select(r => r.Name), "AF excess ÷ ours"]));
        var advantages = new List<(string Dag, double Ratio)>();
        foreach (var runner in runners)
        {
            await runner.RunAsync(DagShapes.Diamond(4), cancellationToken); // warm-up
        }
        foreach (var dag in context.StandardDags)
        {
            var cp = dag.CriticalPath.TotalMilliseconds;
            var walls = new List<double>();
            foreach (var runner in runners)
            {
                var times = new List<double>();
                for (var i = 0; i < context.Options.Repetitions; i++)
                {
                    times.Add(await TimeAsync(() => runner.RunAsync(dag, cancellationToken)));
                }
                walls.Add(Stats.Median(times));
                Log($"  {dag.Name}: {runner.Name} {F(walls[^1])} ms");
            }
            // How much longer than the critical path Agent Framework takes, per ms that WorkflowStudio takes (≥ 1 ms to stay finite).
            var advantage = (walls[1] - cp) / Math.Max(1, walls[3] - cp);
            if (dag.Graph.Roots.Count() > 1 || dag.Workflow.Nodes.Any(n => dag.Graph.DependantsOf(n.Id).Count > 1))
            {
                advantages.Add((dag.Name, advantage));
            }
            table.Row([dag.Name, dag.Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), F(cp),
                .. walls.Select(w => $"{F(w)} ({F(w / cp, "0.00")}×)"), $"{F(advantage, "0.0")}×"]);
        }
        table.Note("AF excess ÷ ours = (Agent Framework wall − CP) ÷ (WorkflowStudio wall − CP): how many ms of barrier waiting Agent Framework adds " +
            "for every ms of overhead WorkflowStudio adds. Rows without siblings (the chain) show the frameworks' pure per-step cost instead.");
        table.Note("WorkflowCore runs the active execution pointers of one workflow instance one after another (its executor awaits each step body " +
            "in turn), so parallel branches of async tool calls do not overlap: wide DAGs take close to the sum of their latencies.");
        if (advantages.Count > 0)
        {
            var worst = advantages.MinBy(a => a.Ratio);
            context.Report.Target("≥ 2× Agent Framework's wall-time advantage on uneven-sibling DAGs (AF excess over CP ÷ ours)",
                $"lowest: {worst.Dag} {F(worst.Ratio, "0.0")}×; {string.Join(", ", advantages.Select(a => $"{a.Dag} {F(a.Ratio, "0.0")}×"))}",
                worst.Ratio >= 2);
        }
    }
}
