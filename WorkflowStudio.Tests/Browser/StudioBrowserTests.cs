using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowStudio.Engine.Planning;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.Tests.Browser;

/// <summary>End to end in Debian's chromium against a real studio host: templates, live runs, failures, planning, saving.</summary>
public sealed class StudioBrowserTests : IClassFixture<StudioBrowserFixture>
{
    private const string FailingWorkflow = """
        {
          "name": "slow-then-fail",
          "nodes": [
            { "id": "first", "tool": "builtin/echo", "args": { "value": "hello" } },
            { "id": "slow", "tool": "builtin/delay", "args": { "milliseconds": 3000 }, "timeoutSeconds": 0.3, "dependsOn": ["first"] },
            { "id": "after", "tool": "builtin/echo", "args": { "value": "{{ steps.slow.output.waitedMs }}" } }
          ]
        }
        """;

    private readonly StudioBrowserFixture _fixture;
    private readonly List<string> _consoleErrors = [];

    public StudioBrowserTests(StudioBrowserFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task UseTemplate_ThenRun_EveryNodeReachesSuccessLive()
    {
        var page = await _fixture.NewPageAsync(_consoleErrors, viewport: new ViewportSize { Width = 1440, Height = 900 });
        await StudioBrowserFixture.GotoAsync(page, "templates");
        var card = page.Locator("[data-testid=template-card][data-template-id=parallel-research]");
        await Expect(card).ToBeVisibleAsync();
        await card.Locator("[data-testid=use-template-button]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/studio\\?template=parallel-research"));
        var nodes = page.Locator("[data-testid=node]");
        await Expect(nodes).ToHaveCountAsync(4);
        await Expect(page.Locator("[data-testid=validation-summary]")).ToHaveAttributeAsync("data-valid", "true");
        await Expect(page.Locator("[data-testid=plan-critical-path]")).ToContainTextAsync("digest");

        await page.GetByTestId("run-button").ClickAsync();

        await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "success", new() { Timeout = 60_000 });
        foreach (var id in new[] { "news", "papers", "forums", "digest" })
        {
            await Expect(page.Locator($"[data-testid=node][data-node-id={id}]")).ToHaveAttributeAsync("data-status", "success");
        }
        // The run bar over the canvas: on screen without scrolling, with the finished run's steps and its cost.
        var bar = page.GetByTestId("run-bar");
        await Expect(bar).ToHaveAttributeAsync("data-status", "success");
        await Expect(bar).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(page.GetByTestId("run-bar-steps")).ToHaveTextAsync("4 of 4 steps");
        await Expect(page.GetByTestId("run-bar-cost")).ToContainTextAsync("cost $");
        Assert.Equal(0, await page.EvaluateAsync<double>("() => document.scrollingElement.scrollTop"));
        await StudioBrowserFixture.ScreenshotAsync(page, "run-bar-1440x900");

        // The run's page: Gantt bars for the four attempts, the seed-shaped results, and the run in the list.
        var runId = (await page.GetByTestId("run-link").GetAttributeAsync("href"))!.Split('/')[^1];
        await page.GetByTestId("run-link").ClickAsync();
        await Expect(page.Locator("[data-testid=gantt-bar]")).ToHaveCountAsync(4);
        await Expect(page.Locator("[data-testid=gantt-bar][data-critical=true]")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=result-panel]")).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("run-summary")).ToContainTextAsync("4 of 4 nodes succeeded");
        await StudioBrowserFixture.GotoAsync(page, "runs");
        await Expect(page.Locator($"[data-testid=run-row][data-run-id='{runId}']")).ToBeVisibleAsync();
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task ImportedWorkflow_WithTimeout_ShowsTheFailingNodeAndItsError()
    {
        var page = await _fixture.NewPageAsync(_consoleErrors);
        await StudioBrowserFixture.GotoAsync(page, "studio");
        await page.GetByTestId("import-toggle").ClickAsync();
        await page.Locator("textarea[data-testid=import-json]").FillAsync(FailingWorkflow);
        await page.GetByTestId("import-button").ClickAsync();
        await Expect(page.Locator("[data-testid=node]")).ToHaveCountAsync(3);

        await page.GetByTestId("run-button").ClickAsync();

        await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=node][data-node-id=first]")).ToHaveAttributeAsync("data-status", "success");
        var slow = page.Locator("[data-testid=node][data-node-id=slow]");
        await Expect(slow).ToHaveAttributeAsync("data-status", "error");
        await Expect(page.Locator("[data-testid=node][data-node-id=after]")).ToHaveAttributeAsync("data-status", "skipped");
        await Expect(slow.Locator("[data-testid=node-error]")).ToContainTextAsync("0.3");

        await slow.ClickAsync();
        await Expect(page.GetByTestId("node-details-error")).ToContainTextAsync("0.3");
        Assert.Empty(_consoleErrors);
    }

    /// <summary>
    /// PLANNER PATH. Types a request and presses Plan. With a planner registered (IWorkflowPlanner, from the planning
    /// work), the plan must appear on the canvas and run to success; without one, the studio must say so clearly.
    /// </summary>
    [Fact]
    public async Task Plan_WithTheRegisteredPlanner_NodesAppearAndRun()
    {
        var page = await _fixture.NewPageAsync(_consoleErrors);
        await StudioBrowserFixture.GotoAsync(page, "studio");
        await page.Locator("textarea[data-testid=request-input]").FillAsync("Research workflow orchestration from three sources and write a digest");
        await page.GetByTestId("plan-button").ClickAsync();

        if (_fixture.App.Services.GetService<IWorkflowPlanner>() is null)
        {
            await Expect(page.GetByTestId("plan-message")).ToContainTextAsync("No planner is configured");
            await Expect(page.Locator("[data-testid=node]")).ToHaveCountAsync(0);
        }
        else
        {
            await Expect(page.Locator("[data-testid=node]").First).ToBeVisibleAsync();
            await page.GetByTestId("run-button").ClickAsync();
            await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "success", new() { Timeout = 60_000 });
            var statuses = await page.Locator("[data-testid=node]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.status)");
            Assert.All(statuses, s => Assert.Equal("success", s));
        }
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task Palette_AddTwoTools_ConnectPorts_EditArgs_SaveVersions_AndRun()
    {
        var page = await NewStudioWithEchoNodesAsync(2);

        // Each new node needs its required 'value': the canvas marks the problem until the property panel sets it.
        var second = page.Locator("[data-testid=node][data-node-id=echo_2]");
        await Expect(second.Locator("[data-testid=node-problems]")).ToBeVisibleAsync();
        await SetValueAsync(page, "echo_2", "\"bye\"");
        await SetValueAsync(page, "echo", "\"hi\"");
        await Expect(second.Locator("[data-testid=node-problems]")).ToHaveCountAsync(0);

        // Drag from echo's output port (right) to echo_2's input port (left): echo_2 now waits for echo.
        await Expect(page.Locator("[data-testid=node][data-node-id=echo] .diagram-port.right.has-links")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=node][data-node-id=echo] .diagram-port.right").HoverAsync();
        await page.Mouse.DownAsync();
        var target = (await page.Locator("[data-testid=node][data-node-id=echo_2] .diagram-port.left").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(target.X + target.Width / 2, target.Y + target.Height / 2, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await page.GetByTestId("export-toggle").ClickAsync();
        await Expect(page.Locator("textarea[data-testid=export-json]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"dependsOn\": \\[\\s*\"echo\"\\s*\\]"));

        await page.GetByTestId("save-button").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/workflows/[0-9a-f]{32}$"));
        await Expect(page.GetByTestId("saved-version")).ToContainTextAsync("version 1");
        await page.GetByTestId("save-button").ClickAsync();
        await Expect(page.GetByTestId("saved-version")).ToContainTextAsync("version 2");

        await page.GetByTestId("run-button").ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "success", new() { Timeout = 60_000 });
        await Expect(second).ToHaveAttributeAsync("data-status", "success");
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task Join_TypedIntoAnAnyArgument_IsSavedAsAnObjectOfBindings_AndInvalidJsonIsRefusedInline()
    {
        var page = await NewStudioWithEchoNodesAsync(3);
        await SetValueAsync(page, "echo", "\"hi\"");
        await SetValueAsync(page, "echo_2", "{\"n\": 3}");

        await SetValueAsync(page, "echo_3", "{\"a\": ");
        await Expect(page.Locator("[data-testid=property-panel] [data-field=value]")).ToContainTextAsync("is not valid JSON: line 1");
        await SetValueAsync(page, "echo_3", "{\"a\": \"{{ steps.echo.output }}\", \"b\": \"{{ steps.echo_2.output.n }}\"}");

        await page.GetByTestId("export-toggle").ClickAsync();
        await Expect(page.Locator("textarea[data-testid=export-json]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(
            "\"value\": \\{\\s*\"a\": \"\\{\\{ steps\\.echo\\.output \\}\\}\",\\s*\"b\": \"\\{\\{ steps\\.echo_2\\.output\\.n \\}\\}\"\\s*\\}"));
        await page.GetByTestId("run-button").ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "success", new() { Timeout = 60_000 });
        Assert.Empty(_consoleErrors);
    }

    /// <summary>A new studio page with <paramref name="count"/> echo nodes added from the palette (echo, echo_2, …).</summary>
    private async Task<IPage> NewStudioWithEchoNodesAsync(int count)
    {
        var page = await _fixture.NewPageAsync(_consoleErrors);
        await StudioBrowserFixture.GotoAsync(page, "studio");
        await page.Locator("input[data-testid=palette-search]").FillAsync("echo");
        var add = page.Locator("[data-testid=palette-tool][data-tool='builtin/echo'] [data-testid=palette-add]");
        for (var i = 0; i < count; i++)
        {
            await add.ClickAsync();
        }
        await Expect(page.Locator("[data-testid=node]")).ToHaveCountAsync(count);
        return page;
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
