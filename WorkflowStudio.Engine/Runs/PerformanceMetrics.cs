using WorkflowStudio.Engine.Execution;
namespace WorkflowStudio.Engine.Runs;

/// <summary>How the run used its time. Parallelism = tool time / wall time.</summary>
public sealed record PerformanceMetrics
{
    public double TotalTimeMs { get; init; }
    public double CriticalPathMs { get; init; }
    public IReadOnlyList<string> CriticalPath { get; init; } = [];
    public double ToolTimeMs { get; init; }
    public double Parallelism { get; init; }
    public int ToolCalls { get; init; }
    public int Retries { get; init; }
    public long Tokens { get; init; }

    /// <summary>What the run is billed (so far, while it runs): <see cref="RunFeeUsd"/> + <see cref="ToolCallsCostUsd"/> + <see cref="TokensCostUsd"/>.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>The tenant's tier's per-run fee for a workflow of this shape.</summary>
    public decimal RunFeeUsd { get; init; }

    /// <summary>Nodes attempted × the tier's per-call price.</summary>
    public decimal ToolCallsCostUsd { get; init; }

    /// <summary>Model tokens recorded for the run (planning attached to it, nodes, re-planning, synthesis).</summary>
    public decimal TokensCostUsd { get; init; }
}
