using System.Text.Json;
using WorkflowStudio.Tests.Tools.Builtin;

namespace WorkflowStudio.Tests.Scenarios;

public sealed class CustomerSupportScenarioTests
{
    [Fact]
    public async Task Support_DuplicateChargeUnderTheLimit_RefundsRepliesAndSchedulesFollowup()
    {
        await using var sink = SmtpSink.Start();
        await using var host = await ScenarioHost.StartAsync(sink.Settings);

        var result = await host.RunTemplateAsync("customer-support-refund");

        ScenarioHost.AssertSucceeded(result);
        var output = result.Output!.Value;
        Assert.Equal("urgent", output.GetProperty("sentiment").GetProperty("priority").GetString());
        Assert.Equal("success", output.GetProperty("refund").GetString());
        Assert.Equal("skipped", output.GetProperty("approval_task").GetString());

        var refund = Assert.Single(await host.DemoRowsAsync("SELECT invoice_id, customer_id, amount, approved_by FROM refunds"));
        Assert.Equal("INV-2024-0902", refund["invoice_id"]);
        Assert.Equal(79.0, refund["amount"]);
        Assert.Equal("auto-approve policy", refund["approved_by"]);

        var mail = Assert.Single(sink.Messages);
        Assert.Equal("maria.garcia@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("We have refunded EUR 79", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dear Maria Garcia", await File.ReadAllTextAsync(Path.Combine(host.FilesRoot, output.GetProperty("artifacts").GetProperty("reply").GetString()!)), StringComparison.Ordinal);

        var followup = output.GetProperty("followup");
        Assert.Equal("scheduled", followup.GetProperty("status").GetString());
        var due = DateTimeOffset.Parse(followup.GetProperty("dueAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(due - result.StartedAt!.Value, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));
    }

    [Fact]
    public async Task Support_AboveTheLimit_WritesNoRefund_AndOpensAnApprovalTask()
    {
        await using var sink = SmtpSink.Start();
        await using var host = await ScenarioHost.StartAsync(sink.Settings);

        var result = await host.RunTemplateAsync("customer-support-refund",
            "customerEmail=aisha.okafor@example.com", "message=We were billed twice for the Enterprise plan in September, please refund one charge.");

        ScenarioHost.AssertSucceeded(result);
        Assert.Equal("skipped", result.Results.Single(r => r.ActionId == "refund").Status);
        Assert.Empty(await host.DemoRowsAsync("SELECT * FROM refunds"));
        var task = ScenarioHost.Step(result, "approval_task");
        Assert.Equal("outbox", task.GetProperty("delivered").GetString());
        var saved = JsonDocument.Parse(await File.ReadAllTextAsync(task.GetProperty("file").GetString()!)).RootElement;
        Assert.Contains("Aisha Okafor (INV-2024-0905, EUR 5100)", saved.GetProperty("name").GetString(), StringComparison.Ordinal);
        var mail = Assert.Single(sink.Messages);
        Assert.Contains("above the limit we can refund automatically", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_SecondRequestForTheSameCharge_DoesNotRefundTwice()
    {
        await using var host = await ScenarioHost.StartAsync();

        var first = await host.RunTemplateAsync("customer-support-refund");
        var second = await host.RunTemplateAsync("customer-support-refund");

        ScenarioHost.AssertSucceeded(first);
        ScenarioHost.AssertSucceeded(second);
        Assert.Single(await host.DemoRowsAsync("SELECT * FROM refunds"));
        Assert.Equal("skipped", second.Results.Single(r => r.ActionId == "refund").Status);
        Assert.Contains("already been refunded", ScenarioHost.Step(second, "reply_review").GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
