using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Web.Components.Pages;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The studio page with the real offline planner: a weak match stays off the canvas until the user takes it.</summary>
public sealed class StudioPlanBannerTests : IAsyncLifetime
{
    private ApiHost _host = default!;
    private BunitContext _context = default!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync();
        // The page looks the planner and the estimator up as optional services: hand it the host's.
        _context = ComponentTestContext.ForStudio(_host.Services, services: s => s
            .AddSingleton(_host.Services.GetRequiredService<IWorkflowPlanner>())
            .AddSingleton(_host.Services.GetRequiredService<IPlanEstimator>()));
        // The canvas asks the browser for its size; answer as a 1200×800 canvas would.
        _context.JSInterop.Setup<Blazor.Diagrams.Core.Geometry.Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true)
            .SetResult(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1200, 800));
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _host.DisposeAsync();
    }

    private IRenderedComponent<StudioPage> PlanOnPage(string request)
    {
        var page = _context.Render<StudioPage>();
        page.WaitForElement("textarea[data-testid=request-input]", TimeSpan.FromSeconds(30)).Input(request);
        page.Find("[data-testid=plan-button]").Click();
        page.WaitForAssertion(() => Assert.True(page.FindAll("[data-testid=plan-banner]").Count > 0,
            page.FindAll("[data-testid=plan-message]").Select(m => m.TextContent).FirstOrDefault() ?? page.Find("[data-testid=plan-button]").OuterHtml), TimeSpan.FromSeconds(30));
        return page;
    }

    [Fact]
    public void Plan_WeakMatch_LeavesTheCanvasEmptyUntilUseItAnyway()
    {
        var page = PlanOnPage("Pay the electricity bill from my bank account");

        Assert.Equal("suggestion", page.Find("[data-testid=plan-banner]").GetAttribute("data-kind"));
        Assert.Equal("Empty workflow.", page.Find("[data-testid=validation-summary]").TextContent.Trim());

        page.Find("[data-testid=plan-use-anyway]").Click();

        page.WaitForAssertion(() => Assert.NotEqual("Empty workflow.", page.Find("[data-testid=validation-summary]").TextContent.Trim()), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll("[data-testid=plan-banner]"));
        Assert.Contains("not a good fit", page.Find("[data-testid=plan-message]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_GoodFit_FillsTheCanvasUnderASuccessBanner()
    {
        var page = PlanOnPage("Analyze Q3 sales and email the executives a PDF report");

        Assert.Equal("planned", page.Find("[data-testid=plan-banner]").GetAttribute("data-kind"));
        page.WaitForAssertion(() => Assert.NotEqual("Empty workflow.", page.Find("[data-testid=validation-summary]").TextContent.Trim()), TimeSpan.FromSeconds(30));
    }
}
