using WorkflowStudio.Engine.Metering;

namespace WorkflowStudio.Engine.Planning;

/// <summary>
/// The seed's planning estimates: duration, critical path, parallelism, calls, cost, complexity, resources.
/// Computed by <see cref="IPlanEstimator"/>; docs/planner.md explains each figure.
/// </summary>
public sealed record PlanMetadata
{
    /// <summary>Length of the critical path with each tool's p50 latency (or the default where there is no history).</summary>
    public double EstimatedDurationMs { get; init; }
    public IReadOnlyList<string> CriticalPath { get; init; } = [];

    /// <summary>The widest level of the graph: most nodes that can run at once.</summary>
    public int MaxParallelism { get; init; }

    /// <summary>Number of levels (longest chain of nodes).</summary>
    public int Depth { get; init; }
    public int ToolCalls { get; init; }
    /// <summary><see cref="Price"/>'s total: what the run will be billed under the tier it was estimated for.</summary>
    public decimal EstimatedCostUsd { get; init; }

    /// <summary>The price's parts (per-run fee, tool calls × per-call price, model tokens), from <see cref="IWorkflowPricing.Estimate"/>.</summary>
    public RunPrice? Price { get; init; }
    public double ComplexityScore { get; init; }

    /// <summary>Tool servers (and a model, when one is used) the plan needs.</summary>
    public IReadOnlyList<string> ResourceRequirements { get; init; } = [];

    /// <summary>The latency used per tool, in milliseconds.</summary>
    public IReadOnlyDictionary<string, double> ToolLatencyMs { get; init; } = new Dictionary<string, double>();

    /// <summary>Tools estimated with the default latency because the journal has no successful attempt of them yet.</summary>
    public IReadOnlyList<string> ToolsWithoutHistory { get; init; } = [];
}
