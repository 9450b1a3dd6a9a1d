namespace WorkflowStudio.Engine.Metering;

/// <summary>
/// Whether a tenant may start more work. When not: <see cref="Limit"/> names the limit (<c>monthly_runs</c>,
/// <c>monthly_tool_calls</c> → HTTP 429; <c>monthly_spend</c> → HTTP 402), with its value, what was used, and when it resets.
/// </summary>
public sealed record QuotaDecision(bool Allowed, string? Limit = null, decimal LimitValue = 0, decimal Used = 0, DateTimeOffset? ResetsAt = null)
{
    public const string MonthlyRuns = "monthly_runs";
    public const string MonthlyToolCalls = "monthly_tool_calls";
    public const string MonthlySpend = "monthly_spend";

    public static QuotaDecision Allow { get; } = new(true);

    /// <summary>True when the plan itself is exhausted (payment required) rather than a usage quota.</summary>
    public bool PlanExhausted => Limit == MonthlySpend;
}
