using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Studio;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.Tests.Browser;

/// <summary>
/// Records how long a 300-node workflow takes to lay out and to appear on the canvas, and that the canvas still
/// answers afterwards. Timings are written to the test output, never asserted (speed belongs in WorkflowStudio.Bench).
/// </summary>
public sealed class CanvasPerformanceTests : IClassFixture<StudioBrowserFixture>
{
    private const int Layers = 30;
    private const int Width = 10;
    private readonly StudioBrowserFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly List<string> _consoleErrors = [];

    public CanvasPerformanceTests(StudioBrowserFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Import_300Nodes_RendersEveryNode_AndStaysInteractive()
    {
        var workflow = Workflow();
        var layout = Stopwatch.StartNew();
        var positions = LayeredLayout.Compute(workflow);
        layout.Stop();
        Assert.Equal(Layers * Width, positions.Count);

        var page = await _fixture.NewPageAsync(_consoleErrors);
        page.SetDefaultTimeout(120_000); // a measurement on a loaded 2-core machine, not a pass/fail timer
        await StudioBrowserFixture.GotoAsync(page, "studio");
        await page.GetByTestId("import-toggle").ClickAsync();
        // The 300-node JSON is set in one step with one change event (what a paste does): typing or Playwright's fill
        // raises input events that each cross the circuit, which on a loaded machine took more than a minute.
        var importBox = page.Locator("textarea[data-testid=import-json]");
        await importBox.EvaluateAsync(SetValueScript, WorkflowJson.Serialize(workflow));
        await Expect(importBox).Not.ToHaveValueAsync(string.Empty);
        var render = Stopwatch.StartNew();
        await page.GetByTestId("import-button").ClickAsync();
        await Expect(page.Locator("[data-testid=node]")).ToHaveCountAsync(Layers * Width, new() { Timeout = 120_000 });
        render.Stop();

        // Still interactive: selecting a node opens its properties.
        var select = Stopwatch.StartNew();
        await page.Locator("[data-testid=node][data-node-id=n0_0]").ClickAsync();
        await Expect(page.GetByTestId("property-panel")).ToContainTextAsync("n0_0");
        select.Stop();
        await Expect(page.GetByTestId("validation-summary")).ToHaveAttributeAsync("data-valid", "true", new() { Timeout = 120_000 });

        _output.WriteLine($"300-node canvas: layout {layout.Elapsed.TotalMilliseconds:0.0} ms (server), import to all nodes rendered {render.Elapsed.TotalMilliseconds:0} ms, select to property panel {select.Elapsed.TotalMilliseconds:0} ms");
        // On a loaded machine the circuit's WebSocket may drop and reconnect while the 300 nodes render (Blazor logs
        // "Connection disconnected"); the checks above show the page came back and works. Any other error fails.
        var errors = _consoleErrors.Where(e => !IsCircuitReconnect(e)).ToArray();
        Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors));
    }

    private const string SetValueScript = """
        (box, text) => {
            box.value = text;
            box.dispatchEvent(new Event('change', { bubbles: true }));
        }
        """;

    private static bool IsCircuitReconnect(string error) =>
        error.Contains("Connection disconnected", StringComparison.Ordinal) || error.Contains("WebSocket closed", StringComparison.Ordinal);

    private static WorkflowDefinition Workflow()
    {
        var nodes = new List<WorkflowNode>();
        for (var l = 0; l < Layers; l++)
        {
            for (var i = 0; i < Width; i++)
            {
                nodes.Add(new WorkflowNode
                {
                    Id = $"n{l}_{i}",
                    Tool = "builtin/echo",
                    Args = JsonSerializer.SerializeToElement(new { value = i }),
                    DependsOn = l == 0 ? [] : [$"n{l - 1}_{i}", $"n{l - 1}_{(i + 1) % Width}"],
                });
            }
        }
        return new WorkflowDefinition { Name = "wide-300", Nodes = nodes };
    }
}
