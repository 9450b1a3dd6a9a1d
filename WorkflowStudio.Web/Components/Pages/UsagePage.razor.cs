using System.Globalization;
using Microsoft.AspNetCore.Components;
using WorkflowStudio.Web.Api;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Web.Components.Pages;

/// <summary>
/// The signed-in user's tenant's spend for a period, by day, workflow and tool, this month against the tier's quotas, and a
/// CSV export (the same query code as <c>GET /api/usage</c>).
/// </summary>
public sealed partial class UsagePage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private UsagePeriod _period = UsagePeriod.ThisMonth;
    private string _tenantId = string.Empty;
    private string _tier = string.Empty;
    private UsageMonth? _month;
    private DateOnly _from;
    private DateOnly _to;
    private decimal _total;
    private decimal _perCallUsd;
    private IReadOnlyList<UsageGroup> _byDay = [];
    private IReadOnlyList<UsageGroup> _byWorkflow = [];
    private IReadOnlyList<UsageGroup> _byTool = [];

    [Inject] private StudioTenant Tenant { get; set; } = default!;
    [Inject] private UsageReports Reports { get; set; } = default!;

    private string CsvHref =>
        $"{UsageApi.BrowserCsvPath.TrimStart('/')}?from={_from.ToString("yyyy-MM-dd", Invariant)}&to={_to.ToString("yyyy-MM-dd", Invariant)}";

    private IEnumerable<(string Title, string Kind, IReadOnlyList<UsageGroup> Groups)> Sections =>
    [
        ("By day", "day", _byDay),
        ("By workflow", "workflow", _byWorkflow),
        ("By tool", "tool", _byTool),
    ];

    protected override Task OnInitializedAsync() => LoadAsync();

    private Task SetPeriodAsync(UsagePeriod period)
    {
        _period = period;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        _tenantId = (await Tenant.CallerAsync()).TenantId.Value;
        (_from, _to) = UsagePeriods.Range(_period, Reports.Today());
        var lines = await Reports.LinesAsync(_tenantId, _from, _to, CancellationToken.None);
        (_tier, _month) = await Reports.MonthAsync(_tenantId, CancellationToken.None);
        _perCallUsd = Reports.PricesFor(_tier).PerCallUsd;
        _total = lines.Sum(l => l.CostUsd);
        _byDay = UsageReports.Group(lines, "day");
        _byWorkflow = UsageReports.Group(lines, "workflow");
        _byTool = UsageReports.Group(lines, "tool");
    }

    private static string KeyHeader(string kind) => kind switch
    {
        "day" => "Day (UTC)",
        "workflow" => "Workflow id",
        _ => "Tool",
    };

    /// <summary>The key as shown: tool-less lines (the per-run charge) read "Run charge (N runs)" in the tool table.</summary>
    private static string KeyText(string kind, UsageGroup group) =>
        kind == "tool" && group.Key == UsageReports.WorkflowRunsKey
            ? $"Run charge ({Count(group.Runs)} {(group.Runs == 1 ? "run" : "runs")})"
            : group.Key;

    /// <summary>US dollars with thousands separators and at least two decimals: "$10,000.00", "$0.0125".</summary>
    internal static string Money(decimal usd) => (usd < 0 ? "-$" : "$") + Math.Abs(usd).ToString("#,0.00##", Invariant);

    private static string Count(long value) => value.ToString("#,0", Invariant);

    private static string Quota(long used, int limit) => limit > 0 ? $"{Count(used)} / {Count(limit)}" : Count(used);

    private static string Remaining(long used, int limit) =>
        limit > 0 ? $"{Count(Math.Max(0, limit - used))} left ({(double)used / limit:0.#%} used)" : "no quota on this tier";
}
