using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Metering;
using static Microsoft.Playwright.Assertions;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Browser;

/// <summary>End to end in Debian's chromium: the usage page and its CSV download; the canvas's seed-format export.</summary>
public sealed class UsageAndExportBrowserTests : IClassFixture<StudioBrowserFixture>
{
    private const string RetryingWorkflow = """
        {
          "name": "careful",
          "nodes": [
            { "id": "first", "tool": "builtin/echo", "args": { "value": "a" }, "retry": { "maxAttempts": 3 } },
            { "id": "second", "tool": "builtin/echo", "args": { "value": "{{ steps.first.output }}" } }
          ]
        }
        """;

    private readonly StudioBrowserFixture _fixture;
    private readonly List<string> _consoleErrors = [];

    public UsageAndExportBrowserTests(StudioBrowserFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Usage_RendersTheTenantsSpend_AndExportCsvDownloadsTheLines()
    {
        var services = _fixture.App.Services;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var coordinator = services.GetRequiredService<IRunCoordinator>();
        var runId = await coordinator.StartAsync(Of(Node("a"), Node("b", "a")), new Dictionary<string, JsonElement>(), TenantId.Default, "billed", cancellationToken: timeout.Token);
        await coordinator.WaitAsync(runId, cancellationToken: timeout.Token);
        await services.GetRequiredService<IUsageLedger>().RecordRunAsync(runId, timeout.Token);
        var page = await _fixture.NewPageAsync(_consoleErrors);

        await StudioBrowserFixture.GotoAsync(page, "usage");

        await Expect(page.Locator("[data-testid=usage-by-workflow] [data-testid=usage-row][data-key=billed]")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("usage-tenant")).ToContainTextAsync("default");
        await Expect(page.GetByTestId("quota-runs")).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("usage-csv").ClickAsync());
        var path = await download.PathAsync();
        var csv = await File.ReadAllTextAsync(path);
        Assert.StartsWith("usage-default-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.StartsWith("day,workflow_id,tool,kind,quantity,cost_usd", csv, StringComparison.Ordinal);
        Assert.Contains(",billed,builtin/echo,tool_call,2,", csv, StringComparison.Ordinal);

        // The run page's JSON download goes through the same tenant check (/runs/{id}/result.json).
        await StudioBrowserFixture.GotoAsync(page, $"runs/{runId}");
        var result = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-result").ClickAsync());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(await result.PathAsync()));
        Assert.Equal("success", json.RootElement.GetProperty("status").GetString());
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task ExportSeedFormat_WarnsAboutTheRetry_AndWritesOrchestrationActions()
    {
        var page = await _fixture.NewPageAsync(_consoleErrors);
        await StudioBrowserFixture.GotoAsync(page, "studio");
        await page.GetByTestId("import-toggle").ClickAsync();
        await page.Locator("textarea[data-testid=import-json]").FillAsync(RetryingWorkflow);
        await page.GetByTestId("import-button").ClickAsync();
        await Expect(page.Locator("[data-testid=node]")).ToHaveCountAsync(2);

        await page.GetByTestId("export-seed-toggle").ClickAsync();

        await Expect(page.GetByTestId("export-panel")).ToHaveAttributeAsync("data-format", "seed");
        await Expect(page.GetByTestId("seed-dropped-item").First).ToContainTextAsync("retry on first");
        var json = await page.Locator("textarea[data-testid=export-json]").InputValueAsync();
        using var document = JsonDocument.Parse(json);
        var actions = document.RootElement.GetProperty("orchestration").GetProperty("actions");
        Assert.Equal(["first", "second"], actions.EnumerateArray().Select(a => a.GetProperty("action").GetString()));
        Assert.Equal([1, 2], actions.EnumerateArray().Select(a => a.GetProperty("step").GetInt32()));
        await Expect(page.GetByTestId("export-download")).ToHaveAttributeAsync("download", "careful.seed.json");
        Assert.Empty(_consoleErrors);
    }
}
