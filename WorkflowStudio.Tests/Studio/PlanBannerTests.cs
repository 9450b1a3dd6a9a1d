using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tests.Planning;
using WorkflowStudio.Web.Components.Canvas;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The plan banner on real offline plans: a good fit is announced in the user's words, a weak one offered.</summary>
public sealed class PlanBannerTests
{
    private static async Task<PlanResult> PlanAsync(string request)
    {
        await using var tools = new ServiceCollection().AddLogging().AddBuiltinTools().BuildServiceProvider();
        await using var host = await PlanningHost.StartAsync(tools.GetRequiredService<IToolCatalog>(), new EmbeddedTemplateCatalog());
        return await host.Planner.PlanAsync(new PlanRequest { Request = request });
    }

    [Fact]
    public async Task Render_WeakMatch_IsASuggestionWithUseItAnyway_NotASuccess()
    {
        const string request = "Pay the electricity bill from my bank account";
        var result = await PlanAsync(request);
        await using var context = ComponentTestContext.Create();
        var used = 0;

        var banner = context.Render<PlanBanner>(p => p.Add(b => b.Model, PlanBannerModel.Of(result, request)).Add(b => b.OnUse, () => used++));

        Assert.Equal("suggestion", banner.Find("[data-testid=plan-banner]").GetAttribute("data-kind"));
        Assert.DoesNotContain("mud-alert-text-success", banner.Markup, StringComparison.Ordinal);
        Assert.Equal("Closest template “Customer support: billing complaint with refund” — not a good fit for “Pay the electricity bill from my bank account”, " +
            "so the canvas was left as it was.", banner.Find("[data-testid=plan-banner-headline]").TextContent);
        Assert.Contains("electricity", banner.Find("[data-testid=plan-unmatched]").TextContent, StringComparison.Ordinal);
        Assert.Contains("bank", banner.Find("[data-testid=plan-unmatched]").TextContent, StringComparison.Ordinal);
        banner.Find("[data-testid=plan-use-anyway]").Click();
        Assert.Equal(1, used);
    }

    [Fact]
    public async Task Render_GoodFit_IsASuccessInTheUsersWords()
    {
        const string request = "Analyze Q3 sales and email the executives a PDF report";
        var result = await PlanAsync(request);
        await using var context = ComponentTestContext.Create();

        var banner = context.Render<PlanBanner>(p => p.Add(b => b.Model, PlanBannerModel.Of(result, request)));

        Assert.Equal("planned", banner.Find("[data-testid=plan-banner]").GetAttribute("data-kind"));
        Assert.Contains("mud-alert-text-success", banner.Markup, StringComparison.Ordinal);
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $" Match: {result.Confidence!.Score * 100:0} %."), banner.Find("[data-testid=plan-confidence]").TextContent);
        Assert.Equal(" It matched “Analyze, sales, email, executives, PDF, report”", banner.Find("[data-testid=plan-matched]").TextContent);
        Assert.DoesNotContain("analyz,", banner.Markup, StringComparison.Ordinal);
        Assert.Empty(banner.FindAll("[data-testid=plan-use-anyway]"));
    }

    [Fact]
    public void Of_PlanWithoutConfidence_AnnouncesItWithTheExplanation()
    {
        var model = PlanBannerModel.Of(new PlanResult { Planner = "llm", Explanation = "three steps" }, "anything");

        Assert.Equal(("Planned by the model planner: three steps", false, null), (model.Headline, model.IsSuggestion, model.ConfidenceText));
    }
}
