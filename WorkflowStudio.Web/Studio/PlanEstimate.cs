namespace WorkflowStudio.Web.Studio;

/// <summary>The plan review before Run: predicted duration, critical path, parallelism, tool calls and cost.</summary>
public sealed record PlanEstimate
{
    public double EstimatedDurationMs { get; init; }
    public IReadOnlyList<string> CriticalPath { get; init; } = [];

    /// <summary>The most nodes that can run at once (the widest layer of the graph).</summary>
    public int MaxParallelism { get; init; }
    public int ToolCalls { get; init; }
    public decimal EstimatedCostUsd { get; init; }

    /// <summary>The engine's price before Run, in parts (per-run fee, tool calls × price, model tokens); null without the engine's estimator.</summary>
    public WorkflowStudio.Engine.Metering.RunPrice? Price { get; init; }

    /// <summary>Where the numbers come from: <c>planner</c> (its metadata), <c>history</c> (the engine's estimator) or <c>estimate</c> (per-tool guesses).</summary>
    public string Source { get; init; } = PlanEstimates.EstimateSource;

    /// <summary>Tools estimated with a default latency because the journal has no successful call of them yet.</summary>
    public IReadOnlyList<string> ToolsWithoutHistory { get; init; } = [];
}
