using System.Globalization;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// The usage queries behind <c>GET /api/usage</c>, the <c>/usage</c> page and its CSV download: a tenant's lines for a
/// period, grouped by day, workflow or tool, and this month against the tier's quotas.
/// </summary>
internal sealed class UsageReports(IUsageLedger ledger, ITenantDirectory tenants, IOptions<PricingOptions> pricing, TimeProvider time)
{
    public static readonly IReadOnlyList<string> GroupKinds = ["day", "workflow", "tool"];

    /// <summary>The label for tool-less lines (the per-run charge) when grouped by tool.</summary>
    public const string WorkflowRunsKey = "(workflow runs)";

    /// <summary>The first day of the current UTC month.</summary>
    public DateOnly MonthStart()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return new DateOnly(today.Year, today.Month, 1);
    }

    public DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Usage lines of <paramref name="tenantId"/> from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), UTC days.</summary>
    public ValueTask<IReadOnlyList<UsageLine>> LinesAsync(string tenantId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        ledger.QueryAsync(tenantId, ToOffset(from), ToOffset(to), cancellationToken);

    /// <summary>The prices and quotas of <paramref name="tier"/>.</summary>
    public TierPricing PricesFor(string tier) => pricing.Value.For(tier);

    /// <summary>The tenant's tier and this calendar month against the tier's quotas.</summary>
    public async ValueTask<(string Tier, UsageMonth Month)> MonthAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tier = (await tenants.GetTenantAsync(tenantId, cancellationToken))?.Tier ?? PricingTiers.Default;
        var prices = pricing.Value.For(tier);
        var month = await ledger.GetMonthAsync(tenantId, cancellationToken);
        return (tier, new UsageMonth(month.Runs, prices.MonthlyRuns, month.ToolCalls, prices.MonthlyToolCalls, month.SpendUsd,
            prices.MonthlySpendLimitUsd, month.ResetsAt));
    }

    /// <summary>Lines grouped by <paramref name="groupBy"/> (<c>day</c>, <c>workflow</c> or <c>tool</c>), in key order.</summary>
    public static IReadOnlyList<UsageGroup> Group(IEnumerable<UsageLine> lines, string groupBy) =>
        lines.GroupBy(l => groupBy switch
            {
                "workflow" => l.WorkflowId,
                "tool" => l.Tool ?? WorkflowRunsKey,
                _ => l.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }, StringComparer.Ordinal)
            .Select(g => UsageGroup.Of(g.Key, g))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToArray();

    public static DateTimeOffset ToOffset(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
