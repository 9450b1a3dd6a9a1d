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
    // Each drawn link's first path, as client coordinates of its start and end (the SVG layer is panned and zoomed).
    private const string LinkEndsScript = """
        () => Array.from(document.querySelectorAll('.studio-canvas .diagram-link')).map(g => {
            const path = g.querySelector('path');
            if (!path || !path.getAttribute('d')) return null;
            const m = path.getScreenCTM();
            const at = l => { const p = path.getPointAtLength(l); const q = new DOMPoint(p.x, p.y).matrixTransform(m); return [q.x, q.y]; };
            return [...at(0), ...at(path.getTotalLength())];
        }).filter(e => e !== null)
        """;

    private const string NodeBoxesScript = """
        () => Object.fromEntries(Array.from(document.querySelectorAll('[data-testid=node]')).map(n => {
            const r = n.getBoundingClientRect();
            return [n.dataset.nodeId, [r.left, r.top, r.right, r.bottom]];
        }))
        """;

    // How far outside its node's rectangle a link may start or end (ports sit on the border, arrows have a size).
    private const double Tolerance = 30;

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

            await AssertEdgesDrawnAsync(page, template.Workflow, "on open");
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
        await AssertEdgesDrawnAsync(page, template.Workflow, "after a move");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lay out again" }).ClickAsync();
        await AssertEdgesDrawnAsync(page, template.Workflow, "after a new layout");
        await page.GetByTestId("undo-button").ClickAsync();
        await AssertEdgesDrawnAsync(page, template.Workflow, "after an undo");

        await page.GetByTestId("run-button").ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "success", new() { Timeout = 60_000 });
        await AssertEdgesDrawnAsync(page, template.Workflow, "after the run");
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
                problem = await FitProblemAsync(page, width, height);
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

        // The drawers: the palette opens beside the canvas and collapses again; selecting a step opens its details.
        var toggle = page.GetByTestId("palette-toggle");
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(page.GetByTestId("palette-search")).ToBeHiddenAsync();
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.GetByTestId("palette-search")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit to view" }).ClickAsync();
        await page.Locator("[data-testid=node][data-node-id=digest]").ClickAsync();
        await Expect(page.GetByTestId("property-panel")).ToBeVisibleAsync();
        await StudioBrowserFixture.ScreenshotAsync(page, "zoom-3-drawers-open");
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

    /// <summary>Empty when the page does not scroll, the canvas lies in the window and every node lies in the canvas.</summary>
    private static async Task<string> FitProblemAsync(IPage page, int width, int height)
    {
        var scroll = await page.EvaluateAsync<double[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        if (scroll[0] > width || scroll[1] > height)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the page scrolls ({scroll[0]:0}×{scroll[1]:0})");
        }
        var canvas = await page.EvaluateAsync<double[]>("() => { const r = document.querySelector('[data-testid=canvas]').getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }");
        if (canvas[0] < 0 || canvas[1] < 0 || canvas[2] > width || canvas[3] > height)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the canvas [{canvas[0]:0},{canvas[1]:0},{canvas[2]:0},{canvas[3]:0}] is not inside the window");
        }
        var boxes = await page.EvaluateAsync<Dictionary<string, double[]>>(NodeBoxesScript);
        var outside = boxes.Where(b => b.Value[0] < canvas[0] || b.Value[1] < canvas[1] || b.Value[2] > canvas[2] || b.Value[3] > canvas[3])
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Key} [{b.Value[0]:0},{b.Value[1]:0},{b.Value[2]:0},{b.Value[3]:0}]"))
            .ToArray();
        return outside.Length == 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"nodes outside the canvas [{canvas[0]:0},{canvas[1]:0},{canvas[2]:0},{canvas[3]:0}]: {string.Join(", ", outside)}");
    }

    /// <summary>
    /// Waits (generously) until there is one drawn link per dependency of <paramref name="workflow"/>, each starting
    /// at its dependency's node and ending at its dependant's node.
    /// </summary>
    private static async Task AssertEdgesDrawnAsync(IPage page, WorkflowDefinition workflow, string when)
    {
        var graph = WorkflowGraph.Build(workflow);
        var edges = workflow.Nodes.SelectMany(n => graph.DependenciesOf(n.Id).Select(d => (From: d, To: n.Id))).ToArray();
        Assert.NotEmpty(edges);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string problem;
        while (true)
        {
            var links = await page.EvaluateAsync<double[][]>(LinkEndsScript);
            var boxes = await page.EvaluateAsync<Dictionary<string, double[]>>(NodeBoxesScript);
            problem = Problem(edges, links, boxes);
            if (problem.Length == 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(250);
        }
        var screenshot = await StudioBrowserFixture.ScreenshotAsync(page, $"edges-{workflow.Name}-{when.Replace(' ', '-')}");
        Assert.Fail($"{workflow.Name} {when}: {problem} (screenshot: {screenshot})");
    }

    private static string Problem((string From, string To)[] edges, double[][] links, Dictionary<string, double[]> boxes)
    {
        if (links.Length != edges.Length)
        {
            return $"{links.Length} links drawn for {edges.Length} dependencies";
        }
        var unmatched = links.ToList();
        foreach (var (from, to) in edges)
        {
            if (!boxes.TryGetValue(from, out var source) || !boxes.TryGetValue(to, out var target))
            {
                return $"node {from} or {to} is not on the canvas";
            }
            var link = unmatched.FirstOrDefault(l => Inside(l[0], l[1], source) && Inside(l[2], l[3], target));
            if (link is null)
            {
                var drawn = string.Join("; ", links.Select(l => string.Create(CultureInfo.InvariantCulture, $"({l[0]:0},{l[1]:0})→({l[2]:0},{l[3]:0})")));
                return string.Create(CultureInfo.InvariantCulture,
                    $"no link from {from} [{source[0]:0},{source[1]:0},{source[2]:0},{source[3]:0}] to {to} [{target[0]:0},{target[1]:0},{target[2]:0},{target[3]:0}]; drawn: {drawn}");
            }
            unmatched.Remove(link);
        }
        return string.Empty;
    }

    private static bool Inside(double x, double y, double[] box) =>
        x >= box[0] - Tolerance && x <= box[2] + Tolerance && y >= box[1] - Tolerance && y <= box[3] + Tolerance;
}
