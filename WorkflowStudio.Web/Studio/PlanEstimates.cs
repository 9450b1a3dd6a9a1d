using System.Text.Json;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// Predicts how a workflow will run from <see cref="PlanMetadata"/>: the planner's for the workflow it planned, else
/// the engine's <see cref="IPlanEstimator"/> (measured tool latencies). Without either, each node is guessed
/// (<c>builtin/delay</c> takes its <c>milliseconds</c>, any other tool <see cref="DefaultNodeMs"/>) and the critical
/// path is the longest chain of those guesses.
/// </summary>
public static class PlanEstimates
{
    public const string EstimateSource = "estimate";
    public const string PlannerSource = "planner";

    /// <summary>The engine's estimator: measured p50 latencies from the journal, its default where there is no history.</summary>
    public const string HistorySource = "history";
    public const double DefaultNodeMs = 500;
    public const double BuiltinNodeMs = 5;

    /// <param name="source">Where <paramref name="metadata"/> comes from: <see cref="PlannerSource"/> or <see cref="HistorySource"/>.</param>
    public static PlanEstimate Estimate(WorkflowDefinition workflow, PlanMetadata? metadata = null, string source = PlannerSource)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var positions = LayeredLayout.Compute(workflow);
        var widest = positions.Count == 0 ? 0 : positions.Values.GroupBy(p => p.Layer).Max(g => g.Count());
        if (metadata is not null)
        {
            return new PlanEstimate
            {
                EstimatedDurationMs = metadata.EstimatedDurationMs,
                CriticalPath = metadata.CriticalPath,
                MaxParallelism = metadata.MaxParallelism > 0 ? metadata.MaxParallelism : widest,
                ToolCalls = metadata.ToolCalls > 0 ? metadata.ToolCalls : workflow.Nodes.Count,
                EstimatedCostUsd = metadata.EstimatedCostUsd,
                Price = metadata.Price,
                Source = source,
                ToolsWithoutHistory = metadata.ToolsWithoutHistory,
            };
        }
        var graph = WorkflowGraph.Build(workflow);
        if (graph.TopologicalOrder() is null)
        {
            return new PlanEstimate { MaxParallelism = widest, ToolCalls = workflow.Nodes.Count };
        }
        var (length, path) = graph.CriticalPath(id => TimeSpan.FromMilliseconds(Guess(workflow.FindNode(id)!)));
        return new PlanEstimate
        {
            EstimatedDurationMs = length.TotalMilliseconds,
            CriticalPath = path,
            MaxParallelism = widest,
            ToolCalls = workflow.Nodes.Count,
        };
    }

    public static double Guess(WorkflowNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Tool == "builtin/delay" && node.Args is { ValueKind: JsonValueKind.Object } args
            && args.TryGetProperty("milliseconds", out var ms) && ms.TryGetDouble(out var value))
        {
            return value;
        }
        return node.Tool.StartsWith("builtin/", StringComparison.Ordinal) ? BuiltinNodeMs : DefaultNodeMs;
    }
}
