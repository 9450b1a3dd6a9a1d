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
    public decimal CostUsd { get; init; }
}
