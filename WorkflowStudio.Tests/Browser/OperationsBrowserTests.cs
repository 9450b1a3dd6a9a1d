using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Scheduling;
using WorkflowStudio.Engine.Workflows;
using static Microsoft.Playwright.Assertions;
using WorkflowStudio.Engine.Workflows.Store;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Browser;

/// <summary>End to end in Debian's chromium: approving a waiting step, schedules, the admin dashboard.</summary>
public sealed class OperationsBrowserTests : IClassFixture<StudioBrowserFixture>
{
    private const string ApprovalWorkflow = """
        {
          "name": "needs-approval",
          "nodes": [
            { "id": "prepare", "tool": "builtin/echo", "args": { "value": "draft" } },
            { "id": "publish", "tool": "builtin/echo", "args": { "value": "{{ steps.prepare.output }}" }, "approval": "required" }
          ]
        }
        """;

    private readonly StudioBrowserFixture _fixture;
    private readonly List<string> _consoleErrors = [];

    public OperationsBrowserTests(StudioBrowserFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Run_NodeRequiringApproval_WaitsOnTheCanvas_ApproveThenSucceedsLive()
    {
        var page = await _fixture.NewPageAsync(_consoleErrors);
        await StudioBrowserFixture.GotoAsync(page, "studio");
        await page.GetByTestId("import-toggle").ClickAsync();
        await page.Locator("textarea[data-testid=import-json]").FillAsync(ApprovalWorkflow);
        await page.GetByTestId("import-button").ClickAsync();
        await Expect(page.Locator("[data-testid=node]")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("plan-source")).ToHaveAttributeAsync("data-source", "history"); // the engine's IPlanEstimator

        await page.GetByTestId("run-button").ClickAsync();

        var publish = page.Locator("[data-testid=node][data-node-id=publish]");
        await Expect(publish).ToHaveAttributeAsync("data-status", "awaiting_approval");
        await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "awaiting_approval");
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Awaiting approval"); // words for people, the raw state in data-status
        await Expect(publish.GetByTestId("node-status")).ToHaveTextAsync("Awaiting approval");
        await Expect(page.Locator("[data-testid=node][data-node-id=prepare]")).ToHaveAttributeAsync("data-status", "success");
        var approval = page.Locator("[data-testid=approval][data-node-id=publish]");
        await Expect(approval).ToContainTextAsync("requires approval");

        await approval.Locator("button[data-testid=approve-button]").ClickAsync();

        await Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "success");
        await Expect(publish).ToHaveAttributeAsync("data-status", "success");
        await Expect(page.Locator("[data-testid=approvals]")).ToHaveCountAsync(0);
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task Schedules_CreateWithPreview_ListedWithNextRun_RunNowShowsTheLastRun_PauseAndDelete()
    {
        var workflow = new WorkflowDefinition
        {
            Name = "nightly-greeting",
            Inputs = new Dictionary<string, WorkflowInput> { ["who"] = new() { Type = "string" } },
            Nodes = [new WorkflowNode { Id = "hello", Tool = "builtin/echo", Args = JsonSerializer.SerializeToElement(new { value = "hi {{ inputs.who }}" }) }],
        };
        var saved = await _fixture.App.Services.GetRequiredService<IWorkflowStore>().SaveAsync(null, workflow);
        var page = await _fixture.NewPageAsync(_consoleErrors);
        await StudioBrowserFixture.GotoAsync(page, $"schedules?workflow={saved.Id}");

        var cron = page.Locator("input[data-testid=schedule-cron]");
        await cron.FillAsync("0 9 * *");
        await Expect(page.GetByTestId("schedule-preview-error")).ToContainTextAsync("4 fields");
        await Expect(page.GetByTestId("schedule-create")).ToBeDisabledAsync();
        await cron.FillAsync("30 6 * * *");
        await page.Locator("input[data-testid=schedule-timezone]").FillAsync("Europe/Berlin");
        var occurrences = page.Locator("[data-testid=schedule-occurrence]");
        await Expect(occurrences).ToHaveCountAsync(5);
        await Expect(occurrences.First).ToContainTextAsync("06:30 (UTC+0");
        await page.Locator("input[data-testid=schedule-input][data-input=who]").FillAsync("ada");
        await page.GetByTestId("schedule-create").ClickAsync();

        var row = page.Locator("[data-testid=schedule-row]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("nightly-greeting");
        await Expect(row.GetByTestId("schedule-next")).ToContainTextAsync("06:30");
        await Expect(row).ToHaveAttributeAsync("data-state", "active");

        await row.Locator("button[data-testid=schedule-run-now]").ClickAsync();
        await Expect(row.GetByTestId("schedule-last-run")).ToBeVisibleAsync();
        await Expect(row.Locator("[data-testid=status-chip]")).ToHaveAttributeAsync("data-status", "success");

        await row.Locator("button[data-testid=schedule-pause]").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-state", "paused");
        await row.Locator("button[data-testid=schedule-delete]").ClickAsync();
        await Expect(page.GetByTestId("schedules-empty")).ToBeVisibleAsync();
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task Admin_ShowsFiguresChartAndServers_AndLinksTheReadOnlyHangfireDashboard()
    {
        var coordinator = _fixture.App.Services.GetRequiredService<WorkflowStudio.Engine.Runs.IRunCoordinator>();
        var workflow = new WorkflowDefinition
        {
            Name = "admin-probe",
            Nodes = [new WorkflowNode { Id = "one", Tool = "builtin/echo", Args = JsonSerializer.SerializeToElement(new { value = 1 }) }],
        };
        var runId = await coordinator.StartAsync(workflow, new Dictionary<string, JsonElement>(), TenantId.Default);
        await coordinator.WaitAsync(runId).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var page = await _fixture.NewPageAsync(_consoleErrors);

        await StudioBrowserFixture.GotoAsync(page, "admin");

        await Expect(page.GetByTestId("tile-runs-per-minute")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tile-success-rate").GetByTestId("tile-value")).ToContainTextAsync("%");
        await Expect(page.GetByTestId("tile-node-duration").GetByTestId("tile-value")).Not.ToHaveTextAsync("–");
        await Expect(page.GetByTestId("tile-busy-workers").GetByTestId("tile-value")).ToContainTextAsync("/");
        await Expect(page.GetByTestId("tile-nodes-running").GetByTestId("tile-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ / \d+$"));
        await Expect(page.Locator("[data-testid=runs-chart] svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=admin-server-row][data-server=builtin]")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("hangfire-link")).ToHaveAttributeAsync("href", "/hangfire");

        var dashboard = await page.GotoAsync("hangfire/servers");
        Assert.Equal(200, dashboard!.Status);
        await Expect(page.Locator("body")).ToContainTextAsync("WorkflowStudio · Hangfire");
        await Expect(page.Locator("body")).ToContainTextAsync(":schedules:"); // the schedule server, next to the node workers

        // Read-only: a schedule's recurring job is listed without Hangfire's trigger and delete buttons.
        var saved = await _fixture.App.Services.GetRequiredService<IWorkflowStore>().SaveAsync(null, workflow);
        var schedule = await _fixture.App.Services.GetRequiredService<IScheduleService>()
            .CreateAsync(new ScheduleDraft { WorkflowId = saved.Id, Cron = "@daily" });
        await page.GotoAsync("hangfire/recurring");
        await Expect(page.Locator("body")).ToContainTextAsync($"schedule:{schedule.Id}");
        await Expect(page.Locator("button.js-jobs-list-command")).ToHaveCountAsync(0);
        await _fixture.App.Services.GetRequiredService<IScheduleService>().DeleteAsync(schedule.Id);
        Assert.Empty(_consoleErrors);
    }
}
