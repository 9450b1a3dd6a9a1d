using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Tests.Tools;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Browser;

/// <summary>
/// axe-core (from .tools/npm, injected into the page; no network) on every studio page in light and dark mode: no
/// serious or critical violations and no console errors. Also: the dark-mode choice persists, and the request → Plan →
/// Run flow works with the keyboard alone.
/// </summary>
public sealed class AccessibilityBrowserTests : IClassFixture<StudioBrowserFixture>
{
    private const string PlannedRequest = "Research workflow orchestration from three sources and write a digest";

    private const string LesserScript = """
        async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
            .filter(v => (v.impact === 'moderate' || v.impact === 'minor') && v.id !== 'landmark-one-main').map(v => `${v.id} (${v.nodes.length})`)
        """;


    private readonly StudioBrowserFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly List<string> _consoleErrors = [];

    public AccessibilityBrowserTests(StudioBrowserFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public async Task EveryPage_InTheTheme_HasNoSeriousAxeViolationsNorConsoleErrors(ColorScheme system, string theme)
    {
        Assert.True(File.Exists(AxeAudit.Path), $"{AxeAudit.Path} is missing: run scripts/test once (it installs axe-core into .tools/npm).");
        var runId = await FinishedRunAsync();
        var page = await _fixture.NewPageAsync(_consoleErrors, system);
        var violations = new List<string>();

        await StudioBrowserFixture.GotoAsync(page, "studio");
        await Expect(page.GetByTestId("circuit")).ToHaveAttributeAsync("data-theme", theme); // the system preference on a first visit
        await page.Locator("textarea[data-testid=request-input]").FillAsync(PlannedRequest);
        await page.GetByTestId("plan-button").ClickAsync();
        await Expect(page.Locator("[data-testid=node]").First).ToBeVisibleAsync();
        violations.AddRange(await AxeAsync(page, "/studio (planned)"));

        foreach (var path in new[] { "runs", $"runs/{runId}", "templates", "schedules", "usage", "admin", "tools" })
        {
            await StudioBrowserFixture.GotoAsync(page, path);
            await Expect(page.GetByTestId("circuit")).ToHaveAttributeAsync("data-theme", theme);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            violations.AddRange(await AxeAsync(page, "/" + path));
        }

        Assert.True(violations.Count == 0, $"axe found serious/critical problems in {theme} mode:\n{string.Join('\n', violations)}");
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task DarkMode_ChosenWithTheToggle_PersistsAcrossReloads_AndCanvasNodesStayLegible()
    {
        var page = await _fixture.NewPageAsync(_consoleErrors, ColorScheme.Light);
        await StudioBrowserFixture.GotoAsync(page, "studio");
        await Expect(page.GetByTestId("circuit")).ToHaveAttributeAsync("data-theme", "light");

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
        await Expect(page.GetByTestId("circuit")).ToHaveAttributeAsync("data-theme", "dark");
        await StudioBrowserFixture.GotoAsync(page, "studio");
        await Expect(page.GetByTestId("circuit")).ToHaveAttributeAsync("data-theme", "dark");

        await page.Locator("textarea[data-testid=request-input]").FillAsync(PlannedRequest);
        await page.GetByTestId("plan-button").ClickAsync();
        await Expect(page.Locator("[data-testid=node]").First).ToBeVisibleAsync();
        // Node text against the node's own background, and links against the canvas: WCAG contrast in dark mode.
        var contrasts = await page.EvaluateAsync<double[]>(ContrastScript);
        Assert.True(contrasts[0] >= 4.5, $"node text contrast {contrasts[0]:0.00} < 4.5 in dark mode");
        Assert.True(contrasts[1] >= 3, $"link contrast {contrasts[1]:0.00} < 3 in dark mode");
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task RequestPlanRun_WithTheKeyboardOnly_RunsToSuccess()
    {
        var page = await _fixture.NewPageAsync(_consoleErrors);
        await StudioBrowserFixture.GotoAsync(page, "studio");

        await TabToAsync(page, "request-input");
        await page.Keyboard.TypeAsync(PlannedRequest);
        await TabToAsync(page, "plan-button");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=node]").First).ToBeVisibleAsync();
        await TabToAsync(page, "run-button");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "success", new() { Timeout = 60_000 });
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task Heading_FocusedOnNavigation_ShowsARingOnlyAfterKeyboardUse()
    {
        const string Heading = "() => { const h = document.querySelector('h1'); return document.activeElement === h ? getComputedStyle(h).outlineStyle : 'not focused'; }";
        var page = await _fixture.NewPageAsync(_consoleErrors);
        await StudioBrowserFixture.GotoAsync(page, "studio");
        await page.WaitForFunctionAsync("() => document.activeElement === document.querySelector('h1')");

        Assert.Equal("none", await page.EvaluateAsync<string>(Heading)); // at load: focused for screen readers, no ring

        await page.GetByRole(AriaRole.Link, new() { Name = "Runs", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Runs");
        await page.WaitForFunctionAsync("() => document.activeElement === document.querySelector('h1')");
        Assert.Equal("none", await page.EvaluateAsync<string>(Heading)); // after a click: no ring

        await page.GetByRole(AriaRole.Link, new() { Name = "Usage", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Usage");
        await page.WaitForFunctionAsync("() => document.activeElement === document.querySelector('h1')");
        Assert.Equal("solid", await page.EvaluateAsync<string>(Heading)); // navigated with the keyboard: the ring shows
        Assert.Empty(_consoleErrors);
    }

    /// <summary>Presses Tab until the element (or a descendant input) with the test id has the focus.</summary>
    private static async Task TabToAsync(IPage page, string testId)
    {
        const int MaxTabs = 400;
        for (var i = 0; i < MaxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<bool>(
                "id => { const a = document.activeElement; return !!a && !!a.closest(`[data-testid='${id}']`); }", testId);
            if (focused)
            {
                return;
            }
        }
        Assert.Fail($"'{testId}' was not reached with {MaxTabs} presses of Tab.");
    }

    private async Task<IReadOnlyList<string>> AxeAsync(IPage page, string name)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new() { Path = AxeAudit.Path });
        }
        var found = await page.EvaluateAsync<string[]>(AxeAudit.Script);
        var lesser = await page.EvaluateAsync<string[]>(LesserScript);
        _output.WriteLine($"{name}: {found.Length} serious/critical; moderate/minor (not gated): {(lesser.Length == 0 ? "none" : string.Join(", ", lesser))}");
        return found.Select(v => $"{name}: {v}").ToArray();
    }

    private async Task<string> FinishedRunAsync()
    {
        var coordinator = _fixture.App.Services.GetRequiredService<IRunCoordinator>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var runId = await coordinator.StartAsync(Diamond(), new Dictionary<string, JsonElement>(), TenantId.Default, cancellationToken: timeout.Token);
        await coordinator.WaitAsync(runId, cancellationToken: timeout.Token);
        return runId;
    }

    private const string ContrastScript = """
        () => {
            const rgb = s => (s.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
            const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
            const opaque = el => { for (let e = el; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor; const v = (c.match(/[\d.]+/g) || []).map(Number); if (v.length === 3 || (v.length === 4 && v[3] > 0.9)) return rgb(c); } return [255, 255, 255]; };
            const node = document.querySelector('[data-testid=node]');
            const text = node.querySelector('.studio-node-id') || node;
            const link = document.querySelector('.diagram-link path');
            const canvas = document.querySelector('.studio-canvas');
            const linkColor = link ? rgb(getComputedStyle(link).stroke) : rgb(getComputedStyle(text).color);
            return [ratio(rgb(getComputedStyle(text).color), opaque(node)), ratio(linkColor, opaque(canvas))];
        }
        """;
}
