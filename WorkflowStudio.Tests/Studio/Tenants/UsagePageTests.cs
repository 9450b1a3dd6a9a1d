using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Metering;
using MudBlazor;
using WorkflowStudio.Web.Api;
using WorkflowStudio.Web.Components.Pages;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Tests.Studio.Tenants;

/// <summary>The /usage page as one tenant's user, on a real ledger with a billed run per tenant.</summary>
public sealed class UsagePageTests : IClassFixture<TwoTenantStudioFixture>
{
    private readonly TwoTenantStudio _studio;

    public UsagePageTests(TwoTenantStudioFixture fixture) => _studio = fixture.Studio;

    [Fact]
    public async Task Render_ThisMonth_ShowsTheTenantsSpendByDayWorkflowAndToolWithQuotaAndCsvLink()
    {
        await using var bob = _studio.ComponentsAs(_studio.Globex);
        var page = bob.Render<UsagePage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=usage-by-tool] [data-testid=usage-row]")));
        Assert.Contains("globex", page.Find("[data-testid=usage-tenant]").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=usage-by-day] [data-testid=usage-row]"));
        Assert.Equal([_studio.Globex.WorkflowId],
            page.FindAll("[data-testid=usage-by-workflow] [data-testid=usage-row]").Select(r => r.GetAttribute("data-key")));
        var tools = page.FindAll("[data-testid=usage-by-tool] [data-testid=usage-row]").Select(r => r.GetAttribute("data-key")).ToArray();
        Assert.Contains("builtin/echo", tools);
        Assert.StartsWith("$", page.Find("[data-testid=usage-total]").TextContent, StringComparison.Ordinal);
        Assert.Contains("/ 10,000", page.Find("[data-testid=quota-runs] [data-testid=tile-value]").TextContent, StringComparison.Ordinal);
        var (from, to) = UsagePeriods.Range(UsagePeriod.ThisMonth, DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Equal($"usage/usage.csv?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", page.Find("a[data-testid=usage-csv]").GetAttribute("href"));
    }

    [Fact]
    public async Task Render_ByTool_NamesTheRunChargeAndAddsUpToTheTotalWithThousandsSeparators()
    {
        await using var bob = _studio.ComponentsAs(_studio.Globex);
        var page = bob.Render<UsagePage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=usage-by-tool] [data-testid=usage-row]")));

        var table = page.Find("[data-testid=usage-by-tool]");
        Assert.DoesNotContain("Runs", table.QuerySelector("thead")!.TextContent, StringComparison.Ordinal);
        var charge = page.Find($"[data-testid=usage-by-tool] [data-testid=usage-row][data-key='{UsageReports.WorkflowRunsKey}']");
        Assert.StartsWith("Run charge (1 run)", charge.QuerySelector("td")!.TextContent.Trim(), StringComparison.Ordinal);
        var costs = page.FindAll("[data-testid=usage-by-tool] [data-testid=usage-cost]").Select(c => ParseMoney(c.TextContent)).ToArray();
        Assert.True(costs.Sum() > 0, "the run charge carries the run's price");
        Assert.Equal(ParseMoney(page.Find("[data-testid=usage-total]").TextContent), costs.Sum());
        Assert.Contains("a tool call costs $0.00", page.Find("[data-testid=usage-tool-note]").TextContent, StringComparison.Ordinal);
        Assert.Contains("/ $10,000.00", page.Find("[data-testid=quota-spend] [data-testid=tile-value]").TextContent, StringComparison.Ordinal);
    }

    private static decimal ParseMoney(string text) =>
        decimal.Parse(text.Trim().TrimStart('$'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Period_LastMonth_ShowsNoUsageAndMovesTheCsvLink()
    {
        await using var alice = _studio.ComponentsAs(_studio.Acme);
        var page = alice.Render<UsagePage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=usage-row]")));

        await page.InvokeAsync(() => page.FindComponent<MudSelect<UsagePeriod>>().Instance.ValueChanged.InvokeAsync(UsagePeriod.LastMonth));

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=usage-row]")));
        Assert.NotNull(page.Find("[data-testid=usage-empty-day]"));
        var (from, _) = UsagePeriods.Range(UsagePeriod.LastMonth, DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Contains($"from={from:yyyy-MM-dd}", page.Find("a[data-testid=usage-csv]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryTenants_ThisMonth_SumsEachTenantsBilledUseLikeItsOwnLines()
    {
        var ledger = _studio.Services.GetRequiredService<IUsageLedger>();
        var (from, to) = UsagePeriods.Range(UsagePeriod.ThisMonth, DateOnly.FromDateTime(DateTime.UtcNow));
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var tenants = (await ledger.QueryTenantsAsync(start, end)).ToDictionary(t => t.TenantId);

        foreach (var data in new[] { _studio.Acme, _studio.Globex })
        {
            var lines = await ledger.QueryAsync(data.Tenant, start, end);
            Assert.Equal((1L, 1L, lines.Sum(l => l.CostUsd)), (tenants[data.Tenant].Runs, tenants[data.Tenant].ToolCalls, tenants[data.Tenant].CostUsd));
        }
        Assert.Empty(await ledger.QueryTenantsAsync(start.AddYears(-1), start.AddYears(-1).AddMonths(1)));
    }

    [Theory]
    [InlineData(UsagePeriod.ThisMonth, "2026-11-01", "2026-12-01")]
    [InlineData(UsagePeriod.LastMonth, "2026-10-01", "2026-11-01")]
    [InlineData(UsagePeriod.Last7Days, "2026-11-24", "2026-12-01")]
    [InlineData(UsagePeriod.Last30Days, "2026-11-01", "2026-12-01")]
    public void Range_OnNovember30_IsUtcDaysToExclusive(UsagePeriod period, string from, string to) =>
        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)),
            UsagePeriods.Range(period, new DateOnly(2026, 11, 30)));
}
