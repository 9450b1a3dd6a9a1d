using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

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

        await page.GetByTestId("run-button").ClickAsync();

        var publish = page.Locator("[data-testid=node][data-node-id=publish]");
        await Expect(publish).ToHaveAttributeAsync("data-status", "awaiting_approval");
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("awaiting_approval");
        await Expect(page.Locator("[data-testid=node][data-node-id=prepare]")).ToHaveAttributeAsync("data-status", "success");
        var approval = page.Locator("[data-testid=approval][data-node-id=publish]");
        await Expect(approval).ToContainTextAsync("requires approval");

        await approval.Locator("button[data-testid=approve-button]").ClickAsync();

        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("success");
        await Expect(publish).ToHaveAttributeAsync("data-status", "success");
        await Expect(page.Locator("[data-testid=approvals]")).ToHaveCountAsync(0);
        Assert.Empty(_consoleErrors);
    }
}
