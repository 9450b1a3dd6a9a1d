using System.Text.Json;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// Predicts how a workflow will run. The planner's metadata wins when there is one; otherwise each node is
/// guessed (<c>builtin/delay</c> takes its <c>milliseconds</c>, any other tool <see cref="DefaultNodeMs"/>)
/// and the critical path is the longest chain of those guesses.
/// </summary>
public static class PlanEstimates
{
    public const string EstimateSource = "estimate";
    public const string PlannerSource = "planner";
    public const double DefaultNodeMs = 500;
    public const double BuiltinNodeMs = 5;

    public static PlanEstimate Estimate(WorkflowDefinition workflow, PlanMetadata? metadata = null)
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
                Source = PlannerSource,
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
