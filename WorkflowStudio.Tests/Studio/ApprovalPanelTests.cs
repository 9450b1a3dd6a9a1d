using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Web.Components.Canvas;
using WorkflowStudio.Web.Studio;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The approval panel against a real engine: its buttons approve and reject waiting nodes of a real run.</summary>
public sealed class ApprovalPanelTests : IAsyncLifetime
{
    private BunitContext _context = default!;
    private ApiHost _engine = default!;

    public async Task InitializeAsync()
    {
        _engine = await ApiHost.StartAsync();
        _context = ComponentTestContext.ForStudio(_engine.Services);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task Buttons_ApproveOneRejectOther_TheRunFollowsTheDecisions()
    {
        using var events = _engine.Services.GetRequiredService<IRunEventStream>().Subscribe();
        var workflow = Of(
            Node("ship") with { Approval = WorkflowNode.ApprovalRequired },
            Node("drop") with { Approval = WorkflowNode.ApprovalRequired });
        var runId = await _engine.Services.GetRequiredService<IRunCoordinator>().StartAsync(workflow, new Dictionary<string, JsonElement>(), TenantId.Default);
        var waiting = new List<PendingApproval>();
        while (waiting.Count < 2)
        {
            if (await events.Events.ReadAsync() is NodeAwaitingApproval awaiting)
            {
                waiting.Add(new PendingApproval(awaiting.Node, awaiting.Tool, awaiting.Reason, awaiting.Args));
            }
        }
        // The event carries the bound arguments the tool will be called with, and the panel shows them.
        Assert.All(waiting, w => Assert.Equal($$"""{"value":"{{w.NodeId}}"}""", w.Args?.GetRawText()));

        var panel = _context.Render<ApprovalPanel>(p => p.Add(c => c.RunId, runId).Add(c => c.Waiting, waiting));
        Assert.Equal(2, panel.FindAll("[data-testid=approval]").Count);
        Assert.Equal("ship", panel.Find("[data-node-id=ship] [data-arg=value] dd").TextContent);
        Assert.True(panel.Find("[data-node-id=drop] button[data-testid=reject-button]").HasAttribute("disabled")); // a reason first
        await panel.Find("[data-node-id=ship] button[data-testid=approve-button]").ClickAsync(new());
        panel.Find("[data-node-id=drop] input[data-testid=reject-reason]").Input("not today");
        await panel.Find("[data-node-id=drop] button[data-testid=reject-button]").ClickAsync(new());

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await _engine.Services.GetRequiredService<IRunCoordinator>().WaitAsync(runId, cancellationToken: timeout.Token);
        var byId = result.Results.ToDictionary(r => r.ActionId);
        Assert.Equal(NodeStatus.Success, byId["ship"].Status);
        Assert.Equal((NodeStatus.Skipped, $"rejected by {ApprovalPanel.DefaultDecider}: not today"), (byId["drop"].Status, byId["drop"].Error));
        Assert.Empty(panel.FindAll("[data-testid=approval-error]"));

        // Deciding again is refused by the engine and said on the panel, with the decision that came first.
        await panel.Find("[data-node-id=ship] button[data-testid=approve-button]").ClickAsync(new());
        Assert.Contains($"was already approved by {ApprovalPanel.DefaultDecider}", panel.Find("[data-testid=approval-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RefundWaiting_SaysToolArgumentsReasonAndDeciders_WithoutAStraySeparator()
    {
        var args = JsonSerializer.SerializeToElement(new
        {
            source = "demo",
            sql = "INSERT INTO refunds (invoice_id, amount) VALUES (@invoice, @amount)",
            @params = new { invoice = "INV-1042", customer = "C-7", amount = 149.5, reason = "Customer request" },
        });
        var waiting = new[] { new PendingApproval("refund_reviewed", "builtin/db_execute", "the workflow requires approval for this node", args) };

        var panel = _context.Render<ApprovalPanel>(p => p.Add(c => c.RunId, "r1").Add(c => c.Waiting, waiting));

        var item = panel.Find("[data-node-id=refund_reviewed]");
        Assert.Equal("builtin/db_execute", item.QuerySelector("[data-testid=approval-tool]")!.TextContent);
        var shown = item.QuerySelectorAll("[data-testid=approval-arg]").Select(a => (a.GetAttribute("data-arg"), a.QuerySelector("dd")!.TextContent)).ToArray();
        Assert.Equal(("params.amount", "149.5"), shown[0]); // what a person looks for first leads
        Assert.Equal(("params.invoice", "INV-1042"), shown[1]);
        Assert.Contains(("sql", "INSERT INTO refunds (invoice_id, amount) VALUES (@invoice, @amount)"), shown);
        Assert.Contains("\"invoice\": \"INV-1042\"", item.QuerySelector("[data-testid=approval-args-json] pre")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Why it waits: the workflow requires approval for this node", item.QuerySelector("[data-testid=approval-reason]")!.TextContent.Trim());
        Assert.Contains("editor or admin", item.QuerySelector("[data-testid=approval-deciders]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("·", panel.Find("[data-testid=approvals]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoReasonNorArguments_ShowsNeitherAndNoSeparator()
    {
        var panel = _context.Render<ApprovalPanel>(p => p.Add(c => c.RunId, "r1").Add(c => c.Waiting, [new PendingApproval("gate", "builtin/echo", null)]));

        Assert.Empty(panel.FindAll("[data-testid=approval-reason]"));
        Assert.Empty(panel.FindAll("[data-testid=approval-args-json]"));
        Assert.DoesNotContain("·", panel.Find("[data-testid=approvals]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDetailPage_NodeWaiting_ShowsTheArgumentsStoredWithIt()
    {
        using var events = _engine.Services.GetRequiredService<IRunEventStream>().Subscribe();
        var workflow = Of(Node("ship") with { Approval = WorkflowNode.ApprovalRequired });
        var runId = await _engine.Services.GetRequiredService<IRunCoordinator>().StartAsync(workflow, new Dictionary<string, JsonElement>(), TenantId.Default);
        NodeAwaitingApproval? awaiting = null;
        while (awaiting is null)
        {
            awaiting = await events.Events.ReadAsync() as NodeAwaitingApproval;
        }

        var page = _context.Render<WorkflowStudio.Web.Components.Pages.RunDetailPage>(p => p.Add(c => c.RunId, runId));

        page.WaitForAssertion(() => Assert.Equal("ship", page.Find("[data-node-id=ship] [data-arg=value] dd").TextContent), TimeSpan.FromSeconds(30));
        Assert.Contains("\"value\": \"ship\"", page.Find("[data-node-id=ship] [data-testid=approval-args-json] pre").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditArguments_ThenApprove_TheRunUsesTheEditedArguments_AndBadTextIsRefusedOnThePanel()
    {
        using var events = _engine.Services.GetRequiredService<IRunEventStream>().Subscribe();
        var workflow = Of(Node("refund") with { Approval = WorkflowNode.ApprovalRequired });
        var runId = await _engine.Services.GetRequiredService<IRunCoordinator>().StartAsync(workflow, new Dictionary<string, JsonElement>(), TenantId.Default);
        NodeAwaitingApproval? awaiting = null;
        while (awaiting is null)
        {
            awaiting = await events.Events.ReadAsync() as NodeAwaitingApproval;
        }
        var panel = _context.Render<ApprovalPanel>(p => p.Add(c => c.RunId, runId)
            .Add(c => c.Waiting, [new PendingApproval(awaiting.Node, awaiting.Tool, awaiting.Reason, awaiting.Args)]));

        await panel.Find("button[data-testid=approval-edit]").ClickAsync(new());
        Assert.Contains("\"value\": \"refund\"", panel.Find("textarea[data-testid=approval-args-editor]").GetAttribute("value") ?? panel.Find("textarea[data-testid=approval-args-editor]").TextContent,
            StringComparison.Ordinal);
        panel.Find("textarea[data-testid=approval-args-editor]").Input("{ \"value\": ");
        await panel.Find("button[data-testid=approve-button]").ClickAsync(new());
        Assert.Contains("not valid JSON (line 1", panel.Find("[data-testid=approval-error]").TextContent, StringComparison.Ordinal);
        panel.Find("textarea[data-testid=approval-args-editor]").Input("{ \"amount\": 25 }");
        await panel.Find("button[data-testid=approve-button]").ClickAsync(new());
        Assert.Contains("input schema", panel.Find("[data-testid=approval-error]").TextContent, StringComparison.Ordinal);
        panel.Find("textarea[data-testid=approval-args-editor]").Input("{ \"value\": { \"amount\": 25 } }");
        await panel.Find("button[data-testid=approve-button]").ClickAsync(new());

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await _engine.Services.GetRequiredService<IRunCoordinator>().WaitAsync(runId, cancellationToken: timeout.Token);
        Assert.Equal(NodeStatus.Success, result.Results[0].Status);
        Assert.Equal(25, result.Results[0].Result!.Value.GetProperty("amount").GetInt32());
        Assert.Empty(panel.FindAll("[data-testid=approval-error]"));
    }
}
