namespace WorkflowStudio.Engine.Metering;

/// <summary>Token totals and their price, for a run (<c>performance_metrics.tokens</c> / <c>cost_usd</c>) or a plan.</summary>
public sealed record RunUsage
{
    public static RunUsage None { get; } = new();

    public int Calls { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long Tokens => InputTokens + OutputTokens;
    public decimal CostUsd { get; init; }
}
