using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Workflows.Store;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Web.Components.Pages;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The studio page on a real engine: the price before Run, the run bar's cost after it and the ledger's bill agree.</summary>
public sealed class StudioRunBarTests : IAsyncLifetime
{
    private ApiHost _host = default!;
    private BunitContext _context = default!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync();
        _context = ComponentTestContext.ForStudio(_host.Services, services: s => s.AddSingleton(_host.Services.GetRequiredService<IPlanEstimator>()));
        _context.JSInterop.Setup<Blazor.Diagrams.Core.Geometry.Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true)
            .SetResult(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1200, 800));
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Run_DeterministicWorkflow_RunBarCostEqualsThePlanReviewPriceAndTheBill()
    {
        // Two echoes side by side and one joining them: orchestrated 0.50 + 0.10·2 + 0.25·1 = $0.95.
        var saved = await _host.Services.GetRequiredService<IWorkflowStore>().SaveAsync(null, Of(Node("a"), Node("b"), Node("c", "a", "b")),
            tenantId: Tenant.DefaultId);
        var page = _context.Render<StudioPage>(p => p.Add(s => s.WorkflowId, saved.Id));
        page.WaitForAssertion(() => Assert.Equal("$0.95", page.Find("[data-testid=plan-price-total]").TextContent), TimeSpan.FromSeconds(30));

        page.Find("[data-testid=run-button]").Click();

        page.WaitForAssertion(() => Assert.Equal("success", page.Find("[data-testid=run-bar]").GetAttribute("data-status")), TimeSpan.FromSeconds(60));
        page.WaitForAssertion(() => Assert.Equal("cost $0.95", page.Find("[data-testid=run-bar-cost]").TextContent.Trim()), TimeSpan.FromSeconds(30));
        Assert.Equal("3 of 3 steps", page.Find("[data-testid=run-bar-steps]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=run-bar-cancel]"));
        var runId = page.Find("[data-testid=run-bar-details]").GetAttribute("href")!["runs/".Length..];
        var ledger = _host.Services.GetRequiredService<IUsageLedger>();
        await ledger.RecordRunAsync(runId);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(0.95m, (await ledger.QueryAsync(Tenant.DefaultId, now.AddDays(-2), now.AddDays(2))).Where(l => l.WorkflowId == saved.Id).Sum(l => l.CostUsd));
    }
}
