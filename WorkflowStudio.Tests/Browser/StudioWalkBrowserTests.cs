using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Templates;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.Tests.Browser;

/// <summary>
/// Issue 17's "Done when", walked in Debian's chromium at 1440×900 and 1280×720, each size on its own fresh studio host
/// (the refund step changes the demo database): every template opens with all its nodes and edges in view without
/// scrolling; a planned request runs and finishes on the canvas in view; the sales report's PDF and a chart open from the
/// run page; a hand-built join keeps its argument's types (and the field picker shows the last run's values); a refund
/// waits with its amount and is approved; two saved versions are compared on one canvas (axe clean in light and dark).
/// Each step writes a screenshot to TestResults/walk/WIDTHxHEIGHT/ (git-ignored) for a reviewer.
/// </summary>
public sealed class StudioWalkBrowserTests(ITestOutputHelper output)
{
    private const string PlannedRequest = "Research workflow orchestration from three sources and write a digest";
    private static readonly PageAssertionsToHaveURLOptions Slow = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToHaveAttributeOptions RunTimeout = new() { Timeout = 120_000 };

    private readonly List<string> _consoleErrors = [];

    [Theory]
    [InlineData(1440, 900)]
    [InlineData(1280, 720)]
    public async Task Walk_AtWindowSize_EveryDoneWhenStepWorksOnScreen(int width, int height)
    {
        var fixture = new StudioBrowserFixture();
        await fixture.InitializeAsync();
        try
        {
            var walk = new Walk(fixture, output, _consoleErrors, width, height);
            await walk.TemplatesFitAsync();
            await walk.PlanAndRunAsync();
            await walk.SalesReportAndChartAsync();
            var workflowId = await walk.TypedJoinAsync();
            await walk.RefundApprovalAsync();
            await walk.CompareVersionsAsync(workflowId);
            Assert.Empty(_consoleErrors);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    /// <summary>One walk at one window size; each step leaves its screenshots.</summary>
    private sealed class Walk(StudioBrowserFixture fixture, ITestOutputHelper output, List<string> consoleErrors, int width, int height)
    {
        private int _shot;

        private ViewportSize Size => new() { Width = width, Height = height };

        private string Folder => Path.Combine("walk", $"{width}x{height}");

        private async Task<IPage> PageAsync(ColorScheme scheme = ColorScheme.Light) => await fixture.NewPageAsync(consoleErrors, scheme, Size);

        private async Task ShotAsync(IPage page, string name)
        {
            // After finite transitions end (a menu fading in, a snackbar sliding), so the picture shows the settled page.
            await page.EvaluateAsync("""
                async () => await Promise.all(document.getAnimations()
                    .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                    .map(a => a.finished.catch(() => null)))
                """);
            var path = await StudioBrowserFixture.ScreenshotAsync(page, $"{++_shot:00}-{name}", Folder);
            output.WriteLine($"screenshot: {path}");
        }

        public async Task TemplatesFitAsync()
        {
            foreach (var template in fixture.App.Services.GetRequiredService<ITemplateCatalog>().Templates)
            {
                var page = await PageAsync();
                await StudioBrowserFixture.GotoAsync(page, $"studio?template={template.Id}");
                await Expect(page.Locator("[data-testid=node]")).ToHaveCountAsync(template.Workflow.Nodes.Count);
                await CanvasChecks.AssertEdgesDrawnAsync(page, template.Workflow, $"on open at {width}x{height}");
                var problem = await UntilFitsAsync(page);
                await ShotAsync(page, $"template-{template.Id}");
                Assert.True(problem.Length == 0, $"{template.Id} at {width}×{height}: {problem}");
                await page.Context.CloseAsync();
            }
        }

        public async Task PlanAndRunAsync()
        {
            var page = await PageAsync();
            await StudioBrowserFixture.GotoAsync(page, "studio");
            await page.Locator("textarea[data-testid=request-input]").FillAsync(PlannedRequest);
            await page.GetByTestId("plan-button").ClickAsync();
            await Expect(page.Locator("[data-testid=node]").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("validation-summary")).ToHaveAttributeAsync("data-valid", "true", new() { Timeout = 30_000 });
            await ShotAsync(page, "planned");

            await page.GetByTestId("run-button").ClickAsync();
            await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "success", RunTimeout);
            var statuses = await page.Locator("[data-testid=node]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.status)");
            Assert.All(statuses, s => Assert.Equal("success", s));
            await Expect(page.GetByTestId("run-bar")).ToHaveAttributeAsync("data-status", "success");
            await Expect(page.GetByTestId("run-bar")).ToBeInViewportAsync(new() { Ratio = 1 });
            Assert.Equal(string.Empty, await UntilFitsAsync(page));
            await ShotAsync(page, "planned-run-finished");
            await page.Context.CloseAsync();
        }

        public async Task SalesReportAndChartAsync()
        {
            var page = await PageAsync();
            await StudioBrowserFixture.GotoAsync(page, "studio?template=sales-intelligence");
            await Expect(page.GetByTestId("validation-summary")).ToHaveAttributeAsync("data-valid", "true", new() { Timeout = 30_000 });
            await page.GetByTestId("run-button").ClickAsync();
            await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", new Regex("^(success|partial_success)$"), RunTimeout);
            await Expect(page.Locator("[data-testid=node][data-node-id=report]")).ToHaveAttributeAsync("data-status", "success");
            await ShotAsync(page, "sales-run-finished");

            // The run page lists the files; the PDF opens in a new tab, the chart's thumbnail is drawn and opens too.
            await page.GetByTestId("run-link").ClickAsync();
            var pdf = page.Locator("[data-testid=artefact][data-path$='.pdf']").First;
            await Expect(pdf).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var chart = page.Locator("[data-testid=artefact][data-path$='.png']").First;
            await Expect(chart.Locator("img[data-testid=artefact-preview]")).ToBeVisibleAsync();
            await page.WaitForFunctionAsync("() => Array.from(document.querySelectorAll('img[data-testid=artefact-preview]')).every(i => i.complete && i.naturalWidth > 0)");
            await chart.ScrollIntoViewIfNeededAsync();
            await ShotAsync(page, "sales-artefacts");

            var pdfResponse = await OpenInNewTabAsync(page, pdf.Locator("[data-testid=artefact-open]"));
            Assert.Equal("application/pdf", pdfResponse.ContentType);
            Assert.StartsWith("%PDF", pdfResponse.Head, StringComparison.Ordinal);
            var chartTab = await page.Context.RunAndWaitForPageAsync(() => chart.Locator("[data-testid=artefact-open]").ClickAsync());
            await chartTab.WaitForLoadStateAsync();
            Assert.True(await chartTab.EvaluateAsync<bool>("() => { const i = document.querySelector('img'); return !!i && i.complete && i.naturalWidth > 0; }"),
                "the chart did not open as an image");
            await ShotAsync(chartTab, "sales-chart-opened");
            await page.Context.CloseAsync();
        }

        /// <summary>Builds echo → echo_2 → join, runs it, checks the join kept a string and a number; saves it twice (for the comparison). Returns the workflow id.</summary>
        public async Task<string> TypedJoinAsync()
        {
            var page = await PageAsync();
            await StudioBrowserFixture.GotoAsync(page, "studio");
            await page.Locator("input[data-testid=palette-search]").FillAsync("echo");
            var add = page.Locator("[data-testid=palette-tool][data-tool='builtin/echo'] [data-testid=palette-add]");
            for (var i = 0; i < 3; i++)
            {
                await add.ClickAsync();
            }
            await Expect(page.Locator("[data-testid=node]")).ToHaveCountAsync(3);
            await SetValueAsync(page, "echo", "\"hi\"");
            await SetValueAsync(page, "echo_2", "{\"n\": 3}");
            await SetValueAsync(page, "echo_3", "{\"a\": \"{{ steps.echo.output }}\", \"b\": \"{{ steps.echo_2.output.n }}\"}");
            await Expect(page.GetByTestId("validation-summary")).ToHaveAttributeAsync("data-valid", "true");
            await page.GetByTestId("save-button").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/workflows/[0-9a-f]{32}$"), Slow);
            await Expect(page.GetByTestId("saved-version")).ToContainTextAsync("version 1");
            var workflowId = page.Url.Split('/')[^1];
            await ShotAsync(page, "join-built");

            await page.GetByTestId("run-button").ClickAsync();
            await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "success", RunTimeout);
            var runId = (await page.GetByTestId("run-link").GetAttributeAsync("href"))!.Split('/')[^1];
            var join = (await fixture.App.Services.GetRequiredService<IRunReader>().GetNodeRunsAsync(runId, ["echo_3"])).Single();
            using (var result = JsonDocument.Parse(join.Output!))
            {
                Assert.Equal(JsonValueKind.String, result.RootElement.GetProperty("a").ValueKind);
                Assert.Equal("hi", result.RootElement.GetProperty("a").GetString());
                Assert.Equal(JsonValueKind.Number, result.RootElement.GetProperty("b").ValueKind);
                Assert.Equal(3, result.RootElement.GetProperty("b").GetInt32());
            }

            // The field picker now shows what each earlier step held in this run.
            await SelectAsync(page, "echo_3");
            await Expect(page.GetByTestId("node-details-status")).ToBeVisibleAsync();
            await page.Locator("[data-testid=property-panel] [data-field=value] [data-testid=binding-picker] button").ClickAsync();
            var sample = page.Locator("[data-testid=binding-option][data-binding='{{ steps.echo_2.output }}'] [data-testid=binding-sample]");
            await Expect(sample).ToHaveTextAsync(new Regex("=\\s*\\{\"n\":\\s*3\\}"));
            await ShotAsync(page, "join-ran-field-picker");
            await page.Keyboard.PressAsync("Escape");

            // A second version: echo_2 sends 4 and a new step is added.
            await SetValueAsync(page, "echo_2", "{\"n\": 4}");
            if (await page.GetByTestId("palette-toggle").GetAttributeAsync("aria-expanded") != "true")
            {
                await page.GetByTestId("palette-toggle").ClickAsync();
            }
            await page.Locator("input[data-testid=palette-search]").FillAsync("echo");
            await page.Locator("[data-testid=palette-tool][data-tool='builtin/echo'] [data-testid=palette-add]").ClickAsync();
            await Expect(page.Locator("[data-testid=node]")).ToHaveCountAsync(4);
            await SetValueAsync(page, "echo_4", "\"new\"");
            await page.GetByTestId("save-button").ClickAsync();
            await Expect(page.GetByTestId("saved-version")).ToContainTextAsync("version 2", new() { Timeout = 30_000 });
            await page.Context.CloseAsync();
            return workflowId;
        }

        public async Task RefundApprovalAsync()
        {
            var page = await PageAsync();
            await StudioBrowserFixture.GotoAsync(page, "studio?template=customer-support-refund");
            await Expect(page.GetByTestId("validation-summary")).ToHaveAttributeAsync("data-valid", "true", new() { Timeout = 30_000 });
            await page.GetByTestId("run-button").ClickAsync();
            var approval = page.Locator("[data-testid=approval][data-node-id=refund_reviewed]");
            await Expect(approval).ToBeVisibleAsync(new() { Timeout = 120_000 });
            await Expect(approval.Locator("[data-testid=approval-arg][data-arg='params.amount'] dd")).ToHaveTextAsync("79");
            await Expect(approval.Locator("[data-testid=approval-arg][data-arg='params.invoice'] dd")).ToHaveTextAsync("INV-2024-0902");
            await Expect(approval).ToBeInViewportAsync();
            await ShotAsync(page, "refund-waits-with-amount");

            await approval.Locator("button[data-testid=approve-button]").ClickAsync();
            await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "success", RunTimeout);
            await Expect(page.Locator("[data-testid=node][data-node-id=refund_reviewed]")).ToHaveAttributeAsync("data-status", "success");
            await ShotAsync(page, "refund-approved");
            await page.Context.CloseAsync();
        }

        public async Task CompareVersionsAsync(string workflowId)
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                var page = await PageAsync(scheme);
                await StudioBrowserFixture.GotoAsync(page, $"workflows/{workflowId}");
                await page.GetByTestId("versions-menu").ClickAsync();
                await page.GetByTestId("compare-versions").ClickAsync();
                await Expect(page).ToHaveURLAsync(new Regex($"/workflows/{workflowId}/compare$"), Slow);
                var compared = page.GetByTestId("compare-canvas");
                await Expect(compared).ToHaveAttributeAsync("aria-label", new Regex("version 1 compared with version 2"));
                await Expect(page.Locator("[data-testid=compare-node][data-node-id=echo_2]")).ToHaveAttributeAsync("data-state", "changed");
                await Expect(page.Locator("[data-testid=compare-node][data-node-id=echo]")).ToHaveAttributeAsync("data-state", "unchanged");
                await Expect(page.Locator("[data-testid=compare-node][data-node-id=echo_4]")).ToHaveAttributeAsync("data-state", "added");
                await Expect(page.Locator("[data-testid=compare-argument][data-argument=value]")).ToContainTextAsync("value: {\"n\":3} → {\"n\":4}");
                await Expect(compared).ToBeInViewportAsync(new() { Ratio = 1 });
                await ShotAsync(page, $"compare-{scheme.ToString().ToLowerInvariant()}");
                var violations = await AxeAudit.ViolationsAsync(page);
                Assert.True(violations.Count == 0, $"compare page ({scheme}): {string.Join("; ", violations)}");
                await page.Context.CloseAsync();
            }
        }

        private async Task<string> UntilFitsAsync(IPage page)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
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
            return problem;
        }

        /// <summary>Clicks a link that opens in a new tab; returns the new tab's response type and first bytes.</summary>
        private static async Task<(string ContentType, string Head)> OpenInNewTabAsync(IPage page, ILocator link)
        {
            var href = (await link.GetAttributeAsync("href"))!;
            var tab = await page.Context.RunAndWaitForPageAsync(() => link.ClickAsync());
            Assert.Contains(href, tab.Url, StringComparison.Ordinal);
            var response = await page.Context.APIRequest.GetAsync(tab.Url);
            Assert.True(response.Ok, $"{tab.Url} answered {response.Status}");
            var body = await response.BodyAsync();
            return (response.Headers.TryGetValue("content-type", out var type) ? type.Split(';')[0] : string.Empty,
                System.Text.Encoding.ASCII.GetString(body, 0, Math.Min(8, body.Length)));
        }

        /// <summary>
        /// Clicks the node until its properties show: selecting a step may close the palette (narrow canvas), and the canvas
        /// then refits to its new width, so a click landing mid-refit is made again.
        /// </summary>
        private static async Task SelectAsync(IPage page, string nodeId)
        {
            var shown = page.Locator("[data-testid=property-panel] h2 .studio-code");
            for (var attempt = 0; attempt < 5 && await SelectedAsync() != nodeId; attempt++)
            {
                await page.Locator($"[data-testid=node][data-node-id={nodeId}]").ClickAsync();
                for (var wait = 0; wait < 12 && await SelectedAsync() != nodeId; wait++)
                {
                    await Task.Delay(250);
                }
            }
            await Expect(shown).ToHaveTextAsync(nodeId);

            async Task<string?> SelectedAsync() => await shown.CountAsync() == 1 ? (await shown.TextContentAsync())?.Trim() : null;
        }

        private static async Task SetValueAsync(IPage page, string nodeId, string value)
        {
            await SelectAsync(page, nodeId);
            var input = page.Locator("[data-testid=property-panel] [data-field=value] textarea, [data-testid=property-panel] [data-field=value] input").First;
            await input.FillAsync(value);
            await input.PressAsync("Tab");
        }
    }
}
