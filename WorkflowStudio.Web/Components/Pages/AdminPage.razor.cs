using Microsoft.AspNetCore.Components;
using MudBlazor;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Web.Api;
using WorkflowStudio.Web.Studio;
using WorkflowStudio.Engine.Runs.Statistics;

namespace WorkflowStudio.Web.Components.Pages;

/// <summary>
/// Monitoring: runs per minute, success rate, run/node durations, queue depth and wait, busy workers, tool servers,
/// the tools failing most and usage and cost per tenant this month (every tenant: the page is for admins only);
/// refreshed every <see cref="RefreshSeconds"/> seconds while open.
/// </summary>
public sealed partial class AdminPage
{
    public const int RefreshSeconds = 5;
    public const string HangfireDashboardPath = "/hangfire";

    private readonly CancellationTokenSource _disposed = new();
    private AdminSnapshot? _snapshot;
    private int _minutes = 60;
    private IReadOnlyList<(string Label, int Succeeded, int Failed, int Running)> _bars = [];
    private IReadOnlyList<TenantSpend> _tenants = [];

    [Inject] private AdminDashboard Dashboard { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private UsageReports Usage { get; set; } = default!;
    [Inject] private IUsageLedger Ledger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        _ = RefreshLoopAsync();
    }

    private async Task SetWindowAsync(int minutes)
    {
        _minutes = minutes;
        await RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        var snapshot = await Dashboard.ReadAsync(TimeSpan.FromMinutes(_minutes), _disposed.Token);
        _bars = AdminDashboard.Bars(snapshot.Runs.PerMinute);
        var month = Usage.MonthStart();
        _tenants = await Ledger.QueryTenantsAsync(UsageReports.ToOffset(month), UsageReports.ToOffset(month.AddMonths(1)), _disposed.Token);
        _snapshot = snapshot;
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(RefreshSeconds), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_disposed.Token))
            {
                await InvokeAsync(async () =>
                {
                    await RefreshAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page was closed.
        }
    }

    private static string Pair(DurationPercentiles durations) => durations.P50Ms is { } p50 && durations.P95Ms is { } p95
        ? $"{StepNodeWidgetFormat(p50)} / {StepNodeWidgetFormat(p95)}"
        : "–";

    private static string StepNodeWidgetFormat(double ms) => Canvas.StepNodeWidget.Format(ms);

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
