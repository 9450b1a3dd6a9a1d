using System.Globalization;
using System.Text.Json;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Scenarios;

/// <summary>
/// The refund policy of customer-support-refund: up to the limit the refund is written by policy (no approval); above it
/// the run waits in <c>awaiting_approval</c> until a person approves (one refund row) or rejects (none). Each test has its
/// own customer, so the tests share one host.
/// </summary>
public sealed class CustomerSupportScenarioTests : IClassFixture<ScenarioFixture>
{
    private const string Template = "customer-support-refund";
    private readonly ScenarioFixture _fixture;

    public CustomerSupportScenarioTests(ScenarioFixture fixture) => _fixture = fixture;

    private ScenarioHost Host => _fixture.Host;

    [Fact]
    public async Task Support_DuplicateChargeUnderTheLimit_IsRefundedByPolicyWithoutApproval_AndNeverTwice()
    {
        var result = await Host.RunTemplateAsync(Template, "autoApproveLimit=100");

        ScenarioHost.AssertSucceeded(result);
        var output = result.Output!.Value;
        Assert.Equal("urgent", output.GetProperty("sentiment").GetProperty("priority").GetString());
        Assert.Equal("refunded by policy", output.GetProperty("decision").GetString());
        Assert.Equal("success", output.GetProperty("refund").GetProperty("by_policy").GetString());
        Assert.Equal("skipped", output.GetProperty("refund").GetProperty("after_review").GetString());
        Assert.Equal("skipped", output.GetProperty("approval_task").GetString());
        Assert.DoesNotContain(result.Results, r => r.Status == NodeStatus.AwaitingApproval);

        var refund = Assert.Single(await Host.DemoRowsAsync("SELECT invoice_id, amount, approved_by FROM refunds WHERE customer_id = 'C-1001'"));
        Assert.Equal("INV-2024-0902", refund["invoice_id"]);
        Assert.Equal(79.0, refund["amount"]);
        Assert.Equal("auto-approve policy", refund["approved_by"]);
        var mail = Assert.Single(_fixture.MailsTo("maria.garcia@example.com"));
        Assert.Contains("We have refunded EUR 79", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dear Maria Garcia", await File.ReadAllTextAsync(Path.Combine(Host.FilesRoot, "support", "replies", "C-1001-refunded.txt")), StringComparison.Ordinal);
        var followup = output.GetProperty("followup");
        Assert.Equal("scheduled", followup.GetProperty("status").GetString());
        var due = DateTimeOffset.Parse(followup.GetProperty("dueAt").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(due - result.StartedAt!.Value, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));

        var second = await Host.RunTemplateAsync(Template, "autoApproveLimit=100");

        ScenarioHost.AssertSucceeded(second);
        Assert.Single(await Host.DemoRowsAsync("SELECT * FROM refunds WHERE customer_id = 'C-1001'"));
        Assert.Equal("nothing to refund", second.Output!.Value.GetProperty("decision").GetString());
        Assert.All(second.Results.Where(r => r.ActionId.StartsWith("refund_", StringComparison.Ordinal)), r => Assert.Equal(NodeStatus.Skipped, r.Status));
        Assert.Contains("already been refunded", ScenarioHost.Step(second, "reply_review").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_AboveTheLimit_WaitsForApprovalWithNoRefund_ThenApprovalWritesExactlyOne()
    {
        var runId = await Host.RunUntilApprovalAsync(Host.Template(Template), "refund_reviewed",
            "customerEmail=aisha.okafor@example.com", "message=We were billed twice for the Enterprise plan in September, please refund one charge.");

        var waiting = (await Host.Coordinator.GetResultAsync(runId))!;
        Assert.Equal(RunStatus.AwaitingApproval, waiting.Status);
        Assert.Equal(NodeStatus.AwaitingApproval, waiting.Results.Single(r => r.ActionId == "refund_reviewed").Status);
        Assert.Empty(await Host.DemoRowsAsync("SELECT * FROM refunds WHERE customer_id = 'C-1003'"));
        var notice = Assert.Single(_fixture.MailsTo("aisha.okafor@example.com"));
        Assert.Contains("above the limit we can refund automatically", notice.TextBody, StringComparison.Ordinal);
        var task = ScenarioHost.Step(waiting, "approval_task");
        var saved = JsonDocument.Parse(await File.ReadAllTextAsync(task.GetProperty("file").GetString()!)).RootElement;
        Assert.Contains("Aisha Okafor (INV-2024-0905, EUR 5100)", saved.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Contains("studio approve RUN_ID refund_reviewed", saved.GetProperty("description").GetString(), StringComparison.Ordinal);

        await Host.Coordinator.ApproveAsync(runId, "refund_reviewed", "dana");
        var result = await Host.WaitAsync(runId);

        ScenarioHost.AssertSucceeded(result);
        Assert.Equal("success", result.Output!.Value.GetProperty("refund").GetProperty("after_review").GetString());
        Assert.Equal("skipped", result.Output!.Value.GetProperty("refund").GetProperty("by_policy").GetString());
        var refund = Assert.Single(await Host.DemoRowsAsync("SELECT invoice_id, amount, approved_by FROM refunds WHERE customer_id = 'C-1003'"));
        Assert.Equal("INV-2024-0905", refund["invoice_id"]);
        Assert.Equal(5100.0, refund["amount"]);
        Assert.Equal("billing team (approved in the run)", refund["approved_by"]);
        var mails = _fixture.MailsTo("aisha.okafor@example.com");
        Assert.Equal(2, mails.Count);
        Assert.Contains(mails, m => (m.TextBody ?? "").Contains("We have refunded EUR 5100", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Support_RefundRejected_WritesNoRow_RecordsTheReason_AndFinishes()
    {
        var runId = await Host.RunUntilApprovalAsync(Host.Template(Template), "refund_reviewed",
            "customerEmail=liam.chen@example.com", "autoApproveLimit=10", "message=Please refund my September invoice, I cancelled in August.");

        await Host.Coordinator.RejectAsync(runId, "refund_reviewed", "dana", "the plan was used in September");
        var result = await Host.WaitAsync(runId);

        ScenarioHost.AssertSucceeded(result);
        Assert.Empty(await Host.DemoRowsAsync("SELECT * FROM refunds WHERE customer_id = 'C-1002'"));
        var refund = result.Output!.Value.GetProperty("refund");
        Assert.Equal("skipped", refund.GetProperty("after_review").GetString());
        Assert.Equal("rejected by dana: the plan was used in September", refund.GetProperty("review_note").GetString());
        Assert.Equal("rejected by dana: the plan was used in September", result.Results.Single(r => r.ActionId == "refund_reviewed").Error);
        Assert.All(result.Results.Where(r => r.ActionId is "reply_approved" or "email_approved"), r => Assert.Equal(NodeStatus.Skipped, r.Status));
        var notice = Assert.Single(_fixture.MailsTo("liam.chen@example.com"));
        Assert.DoesNotContain("We have refunded", notice.TextBody, StringComparison.Ordinal);
    }
}
