using WorkflowStudio.Engine.Metering;

namespace WorkflowStudio.Web.Api;

/// <summary><c>GET /api/usage</c>: the tenant's tier, this month against its quotas, and usage lines grouped as asked.</summary>
internal sealed record UsageReport(
    string TenantId, string Tier, DateOnly From, DateOnly To, string GroupBy, UsageMonth Month, IReadOnlyList<UsageGroup> Groups, decimal TotalUsd);

/// <summary>This calendar month (UTC) against the tier's quotas (0 = unlimited), and when it resets.</summary>
internal sealed record UsageMonth(int Runs, int MonthlyRuns, int ToolCalls, int MonthlyToolCalls, decimal SpendUsd, decimal MonthlySpendLimitUsd, DateTimeOffset ResetsAt);

/// <summary>One group: its key (a day, a workflow id or a tool), runs, tool calls, tokens and cost.</summary>
internal sealed record UsageGroup(string Key, long Runs, long ToolCalls, long Tokens, decimal CostUsd)
{
    internal static UsageGroup Of(string key, IEnumerable<UsageLine> lines)
    {
        var list = lines.ToList();
        return new UsageGroup(key,
            list.Where(l => l.Kind == UsageKinds.WorkflowRun).Sum(l => l.Quantity),
            list.Where(l => l.Kind == UsageKinds.ToolCall).Sum(l => l.Quantity),
            list.Where(l => l.Kind == UsageKinds.Tokens).Sum(l => l.Quantity),
            list.Sum(l => l.CostUsd));
    }
}
