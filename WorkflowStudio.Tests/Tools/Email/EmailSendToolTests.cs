using MimeKit;

namespace WorkflowStudio.Tests.Tools.Email;

public sealed class EmailSendToolTests
{
    [Fact]
    public async Task EmailSend_ConfiguredSmtp_DeliversTheMessageWithItsAttachment()
    {
        await using var sink = SmtpSink.Start();
        await using var host = ToolHost.Create(sink.Settings);
        await host.OkAsync("files_write", new { path = "reports/q3.txt", content = "numbers" });

        var output = await host.OkAsync("email_send", new
        {
            to = new[] { "Chief <ceo@example.com>" }, cc = new[] { "cfo@example.com" }, subject = "Q3 report", text = "Attached.", attachments = new[] { "reports/q3.txt" },
        }, idempotencyKey: "run1:email");

        Assert.Equal("smtp", output.GetProperty("delivered").GetString());
        var message = Assert.Single(sink.Messages);
        Assert.Equal("Q3 report", message.Subject);
        Assert.Equal("ceo@example.com", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("cfo@example.com", Assert.Single(message.Cc.Mailboxes).Address);
        Assert.Equal("Attached.", message.TextBody?.Trim());
        Assert.Equal("q3.txt", Assert.Single(message.Attachments).ContentDisposition?.FileName);
        Assert.Equal("run1-email@workflowstudio", message.MessageId);
    }

    [Fact]
    public async Task EmailSend_NoSmtpConfigured_WritesAnEmlToTheOutboxAndSaysSo()
    {
        await using var host = ToolHost.Create();

        var output = await host.OkAsync("email_send", new { to = new[] { "ceo@example.com" }, subject = "Hello", text = "Body" });

        Assert.Equal("outbox", output.GetProperty("delivered").GetString());
        Assert.Contains("Tools:Smtp:Host", output.GetProperty("note").GetString(), StringComparison.Ordinal);
        var file = output.GetProperty("file").GetString()!;
        Assert.StartsWith(Path.Combine(host.DataDir, "outbox", "email"), file, StringComparison.Ordinal);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("Hello", message.Subject);
    }

    [Fact]
    public async Task EmailSend_BadAddress_NamesIt()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("email_send", new { to = new[] { "not an address" }, subject = "x", text = "y" });

        Assert.Contains("'to': 'not an address' is not an email address", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmailSend_AttachmentOutsideTheRoot_IsRejected()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("email_send", new { to = new[] { "a@example.com" }, subject = "x", text = "y", attachments = new[] { "../studio.db" } });

        Assert.Contains("outside the files root", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmailSend_SmtpUnreachable_FailsWithoutThePassword()
    {
        var stopped = SmtpSink.Start();
        var port = stopped.Port;
        await stopped.DisposeAsync();
        await using var host = ToolHost.Create([
            new("Tools:Smtp:Host", "127.0.0.1"), new("Tools:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Tools:Smtp:Security", "None"), new("Tools:Smtp:Username", "u"), new("Tools:Smtp:Password", "hunter2-secret")]);

        var error = await host.ErrorAsync("email_send", new { to = new[] { "a@example.com" }, subject = "x", text = "y" });

        Assert.Contains($"sending through 127.0.0.1:{port} failed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", error, StringComparison.Ordinal);
    }
}
