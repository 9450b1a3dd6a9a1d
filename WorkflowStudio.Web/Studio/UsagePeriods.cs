namespace WorkflowStudio.Web.Studio;

/// <summary>Labels and UTC day ranges (to exclusive) of <see cref="UsagePeriod"/>.</summary>
public static class UsagePeriods
{
    public static string Label(UsagePeriod period) => period switch
    {
        UsagePeriod.ThisMonth => "this month",
        UsagePeriod.LastMonth => "last month",
        UsagePeriod.Last7Days => "last 7 days",
        _ => "last 30 days",
    };

    /// <summary>From (inclusive) and to (exclusive) for <paramref name="today"/> (UTC); rolling periods include today.</summary>
    public static (DateOnly From, DateOnly To) Range(UsagePeriod period, DateOnly today)
    {
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        return period switch
        {
            UsagePeriod.ThisMonth => (monthStart, monthStart.AddMonths(1)),
            UsagePeriod.LastMonth => (monthStart.AddMonths(-1), monthStart),
            UsagePeriod.Last7Days => (today.AddDays(-6), today.AddDays(1)),
            _ => (today.AddDays(-29), today.AddDays(1)),
        };
    }
}
