using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowStudio.Engine.Templates;
using WorkflowStudio.Engine.Workflows;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.Tests.Browser;

/// <summary>
/// The canvas as a person sees it in Debian's chromium: every edge drawn between its two nodes (on open, after a new
/// layout, an undo and run events), every node of a template inside the canvas without scrolling, zoom controls.
/// Screenshots go to TestResults/screenshots/ (git-ignored).
/// </summary>
public sealed class CanvasBrowserTests : IClassFixture<StudioBrowserFixture>
{
    private readonly StudioBrowserFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly List<string> _consoleErrors = [];

    public CanvasBrowserTests(StudioBrowserFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    private IReadOnlyList<WorkflowTemplate> Templates => _fixture.App.Services.GetRequiredService<ITemplateCatalog>().Templates;

    [Fact]
    public async Task OpenTemplate_InANewTab_DrawsEveryEdgeBetweenItsTwoNodes()
    {
        Assert.NotEmpty(Templates);
        foreach (var template in Templates)
        {
            var page = await _fixture.NewPageAsync(_consoleErrors);
            await StudioBrowserFixture.GotoAsync(page, $"studio?template={template.Id}");
            await Expect(page.Locator("[data-testid=node]")).ToHaveCountAsync(template.Workflow.Nodes.Count);

            await CanvasChecks.AssertEdgesDrawnAsync(page, template.Workflow, "on open");
            await page.Context.CloseAsync();
        }
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task OpenTemplate_AfterLayoutUndoAndARun_EdgesStillJoinTheirNodes()
    {
        var template = Templates.Single(t => t.Id == "parallel-research");
        var page = await _fixture.NewPageAsync(_consoleErrors);
        await StudioBrowserFixture.GotoAsync(page, $"studio?template={template.Id}");
        await Expect(page.Locator("[data-testid=node]")).ToHaveCountAsync(template.Workflow.Nodes.Count);

        // A moved node, then a new layout, then an undo of it: the edges follow the nodes each time.
        var node = page.Locator("[data-testid=node][data-node-id=news]");
        var box = (await node.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + 12);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + 60, box.Y + 90, new() { Steps = 6 });
        await page.Mouse.UpAsync();
        await CanvasChecks.AssertEdgesDrawnAsync(page, template.Workflow, "after a move");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lay out again" }).ClickAsync();
        await CanvasChecks.AssertEdgesDrawnAsync(page, template.Workflow, "after a new layout");
        await page.GetByTestId("undo-button").ClickAsync();
        await CanvasChecks.AssertEdgesDrawnAsync(page, template.Workflow, "after an undo");

        await page.GetByTestId("run-button").ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "success", new() { Timeout = 60_000 });
        await CanvasChecks.AssertEdgesDrawnAsync(page, template.Workflow, "after the run");
        Assert.Empty(_consoleErrors);
    }

    [Theory]
    [InlineData(1440, 900)]
    [InlineData(1280, 720)]
    public async Task OpenTemplate_AtWindowSize_ShowsEveryNodeInsideTheCanvasWithoutScrolling(int width, int height)
    {
        foreach (var template in Templates)
        {
            var page = await _fixture.NewPageAsync(_consoleErrors, viewport: new ViewportSize { Width = width, Height = height });
            await StudioBrowserFixture.GotoAsync(page, $"studio?template={template.Id}");
            await Expect(page.Locator("[data-testid=node]")).ToHaveCountAsync(template.Workflow.Nodes.Count);

            var deadline = DateTime.UtcNow.AddSeconds(20);
            string problem;
            do
            {
                problem = await CanvasChecks.FitProblemAsync(page, width, height);
                if (problem.Length > 0)
                {
                    await Task.Delay(250);
                }
            }
            while (problem.Length > 0 && DateTime.UtcNow < deadline);
            var screenshot = await StudioBrowserFixture.ScreenshotAsync(page, $"template-{template.Id}-{width}x{height}");
            Assert.True(problem.Length == 0, $"{template.Id} at {width}×{height}: {problem} (screenshot: {screenshot})");
            await page.Context.CloseAsync();
        }
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task ZoomButtonsKeysAndWheel_ZoomTheCanvasOnly_AndTheDrawersCollapse()
    {
        var page = await _fixture.NewPageAsync(_consoleErrors);
        await StudioBrowserFixture.GotoAsync(page, "studio?template=parallel-research");
        var canvas = page.GetByTestId("canvas");
        await Expect(page.Locator("[data-testid=node]")).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("validation-summary")).ToHaveAttributeAsync("data-valid", "true");
        var fitted = await ZoomAsync(page);
        await StudioBrowserFixture.ScreenshotAsync(page, "zoom-1-opened");

        await page.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
        await Expect(canvas).Not.ToHaveAttributeAsync("data-zoom", Percent(fitted));
        Assert.True(await ZoomAsync(page) > fitted, "Zoom in did not enlarge the canvas");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoom out" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoom out" }).ClickAsync();
        await Expect(canvas).Not.ToHaveAttributeAsync("data-zoom", Percent(fitted * 1.25));
        Assert.True(await ZoomAsync(page) < fitted, "Zoom out did not shrink the canvas");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit to view" }).ClickAsync();
        await Expect(canvas).ToHaveAttributeAsync("data-zoom", Percent(fitted));

        // Keys: + and - zoom, 0 fits; typed into a text field they are text, not zoom.
        await page.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await page.Keyboard.PressAsync("+");
        await Expect(canvas).Not.ToHaveAttributeAsync("data-zoom", Percent(fitted));
        await page.Keyboard.PressAsync("0");
        await Expect(canvas).ToHaveAttributeAsync("data-zoom", Percent(fitted));
        await page.Keyboard.PressAsync("-");
        await Expect(canvas).Not.ToHaveAttributeAsync("data-zoom", Percent(fitted));
        await page.Keyboard.PressAsync("f");
        await Expect(canvas).ToHaveAttributeAsync("data-zoom", Percent(fitted));
        var request = page.Locator("textarea[data-testid=request-input]");
        await request.FocusAsync();
        await page.Keyboard.TypeAsync("+-0f");
        await Expect(request).ToHaveValueAsync("+-0f");
        Assert.Equal(Percent(fitted), await canvas.GetAttributeAsync("data-zoom"));

        // The wheel over the canvas zooms it, and its default (scrolling the page) is prevented.
        await page.EvaluateAsync("() => { window.__wheelPrevented = []; window.addEventListener('wheel', e => window.__wheelPrevented.push(e.defaultPrevented)); }");
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.WheelAsync(0, -400);
        await Expect(canvas).Not.ToHaveAttributeAsync("data-zoom", Percent(fitted));
        var prevented = await page.EvaluateAsync<bool[]>("() => window.__wheelPrevented");
        Assert.NotEmpty(prevented);
        Assert.All(prevented, Assert.True);
        await StudioBrowserFixture.ScreenshotAsync(page, "zoom-2-wheel");

        // The drawers: the palette opens beside the canvas and collapses again; selecting a step opens its details, in the
        // palette's place when both would leave the canvas narrower than 640 px (as at 1440×900).
        var toggle = page.GetByTestId("palette-toggle");
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(page.GetByTestId("palette-search")).ToBeHiddenAsync();
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.GetByTestId("palette-search")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit to view" }).ClickAsync();
        await page.Locator("[data-testid=node][data-node-id=digest]").ClickAsync();
        await Expect(page.GetByTestId("property-panel")).ToBeVisibleAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await StudioBrowserFixture.ScreenshotAsync(page, "zoom-3-details-open");
        await toggle.ClickAsync();
        await Expect(page.GetByTestId("palette-search")).ToBeVisibleAsync(); // both again, when asked for
        await toggle.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the details" }).ClickAsync();
        await Expect(page.GetByTestId("property-panel")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("palette-search")).ToBeHiddenAsync();
        await StudioBrowserFixture.ScreenshotAsync(page, "zoom-4-drawers-closed");
        Assert.Empty(_consoleErrors);
    }

    private static async Task<double> ZoomAsync(IPage page)
    {
        var text = await page.GetByTestId("canvas").GetAttributeAsync("data-zoom");
        return double.Parse(text!.TrimEnd('%'), CultureInfo.InvariantCulture) / 100;
    }

    private static string Percent(double zoom) => string.Create(CultureInfo.InvariantCulture, $"{zoom * 100:0}%");
}
