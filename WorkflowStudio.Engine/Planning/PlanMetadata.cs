namespace WorkflowStudio.Engine.Planning;

/// <summary>The seed's planning estimates: duration, critical path, parallelism, calls, cost, complexity, resources.</summary>
public sealed record PlanMetadata
{
    public double EstimatedDurationMs { get; init; }
    public IReadOnlyList<string> CriticalPath { get; init; } = [];
    public int MaxParallelism { get; init; }
    public int ToolCalls { get; init; }
    public decimal EstimatedCostUsd { get; init; }
    public double ComplexityScore { get; init; }

    /// <summary>Tool servers (and a model, when one is used) the plan needs.</summary>
    public IReadOnlyList<string> ResourceRequirements { get; init; } = [];
}
