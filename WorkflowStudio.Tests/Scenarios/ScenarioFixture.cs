using WorkflowStudio.Tests.Tools.Email;


namespace WorkflowStudio.Tests.Scenarios;

/// <summary>
/// One scenario host and SMTP sink shared by the tests of a class (they run one after another): each test uses its own
/// customers, campaigns or recipients, so they do not see each other's rows, files or mails. Loopback feeds are allowed.
/// </summary>
public sealed class ScenarioFixture : IAsyncLifetime
{
    private SmtpSink? _sink;
    private ScenarioHost? _host;

    internal SmtpSink Sink => _sink ?? throw new InvalidOperationException("not started");
    internal ScenarioHost Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _sink = SmtpSink.Start();
        _host = await ScenarioHost.StartAsync([.. _sink.Settings, new("Tools:Http:AllowedHosts:0", "127.0.0.1")]);
    }

    /// <summary>Mails received for <paramref name="address"/>.</summary>
    internal IReadOnlyList<MimeKit.MimeMessage> MailsTo(string address) =>
        [.. Sink.Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }
    }
}
