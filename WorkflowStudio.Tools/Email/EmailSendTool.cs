using System.Text.Json.Nodes;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tools.Files;

namespace WorkflowStudio.Tools.Email;

/// <summary><c>builtin/email_send</c>: an email over the configured SMTP server (MailKit), else an <c>.eml</c> in the outbox.</summary>
internal sealed partial class EmailSendTool : BuiltinTool
{
    private const int MaxAttachmentBytes = 20 * 1024 * 1024;
    private readonly SmtpToolOptions _options;
    private readonly ToolPaths _paths;
    private readonly ILogger _logger;

    public EmailSendTool(IOptions<SmtpToolOptions> options, ToolPaths paths, ILoggerFactory? loggerFactory = null)
    {
        _options = options.Value;
        _paths = paths;
        _logger = (loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<EmailSendTool>();
    }

    public override ToolDescriptor Descriptor { get; } = Describe(
        "email_send", "Send an email",
        "Sends an email through the SMTP server of Tools:Smtp (MailKit). When no Tools:Smtp:Host is configured, the message is written " +
        "as an .eml file to the offline outbox (<DataDir>/outbox/email) and the result says so ('delivered': 'outbox'). Attachments are paths under the files root.",
        """
        { "type": "object",
          "properties": {
            "to": { "type": "array", "items": { "type": "string", "minLength": 3 }, "minItems": 1 },
            "cc": { "type": "array", "items": { "type": "string", "minLength": 3 } },
            "subject": { "type": "string", "minLength": 1, "maxLength": 500 },
            "text": { "type": "string", "description": "Plain-text body." },
            "html": { "type": "string", "description": "Optional HTML body (sent beside the text)." },
            "attachments": { "type": "array", "items": { "type": "string" }, "description": "Paths under the files root, e.g. 'artifacts/reports/q3.pdf'." } },
          "required": ["to", "subject", "text"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": {
            "delivered": { "enum": ["smtp", "outbox"] }, "messageId": { "type": "string" },
            "to": { "type": "array", "items": { "type": "string" } }, "subject": { "type": "string" },
            "attachments": { "type": "integer" }, "file": { "type": "string" }, "note": { "type": "string" } },
          "required": ["delivered", "messageId", "to", "subject"] }
        """,
        new ToolAnnotations { ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var files = _paths.For(context.TenantId);
        var message = await BuildAsync(args, context, files, cancellationToken);
        var output = new JsonObject
        {
            ["messageId"] = message.MessageId,
            ["to"] = ToolJson.Array(message.To.Mailboxes.Select(m => m.Address)),
            ["subject"] = message.Subject,
            ["attachments"] = message.Attachments.Count(),
        };
        if (string.IsNullOrWhiteSpace(_options.Host))
        {
            var file = Path.Combine(files.Outbox("email"), $"{context.TimeProvider.GetUtcNow():yyyyMMdd-HHmmss}-{ToolPaths.SafeName(message.MessageId ?? "message")}.eml");
            await message.WriteToAsync(file, cancellationToken);
            LogOutbox(_logger, message.To.Count, file);
            output["delivered"] = "outbox";
            output["file"] = file;
            output["note"] = "No SMTP server is configured (Tools:Smtp:Host), so the message was written to the offline outbox instead of being sent.";
            return ToolJson.Ok(output);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(_options.TimeoutSeconds).TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, Security(), timeout.Token);
            if (!string.IsNullOrEmpty(_options.Username))
            {
                await client.AuthenticateAsync(_options.Username, _options.Password ?? "", timeout.Token);
            }
            await client.SendAsync(message, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ToolCallResult.Failure($"{Descriptor.FullName}: the SMTP server {_options.Host}:{_options.Port} did not answer within {_options.TimeoutSeconds:0.#} s.");
        }
        catch (Exception exception) when (exception is SmtpCommandException or SmtpProtocolException or AuthenticationException or IOException or System.Net.Sockets.SocketException)
        {
            return ToolCallResult.Failure($"{Descriptor.FullName}: sending through {_options.Host}:{_options.Port} failed: {exception.Message}");
        }
        LogSent(_logger, message.To.Count, _options.Host, _options.Port);
        output["delivered"] = "smtp";
        return ToolJson.Ok(output);
    }

    private async Task<MimeMessage> BuildAsync(ToolArgs args, BuiltinToolContext context, TenantFiles files, CancellationToken cancellationToken)
    {
        var message = new MimeMessage { Subject = args.RequiredString("subject"), Date = context.TimeProvider.GetUtcNow() };
        message.From.Add(Address(_options.From, "Tools:Smtp:From"));
        message.To.AddRange(args.Strings("to").Select(a => Address(a, "'to'")));
        message.Cc.AddRange(args.Strings("cc").Select(a => Address(a, "'cc'")));
        message.MessageId = context.IdempotencyKey is { } key ? $"{ToolPaths.SafeName(key)}@workflowstudio" : MimeKit.Utils.MimeUtils.GenerateMessageId();
        var body = new BodyBuilder { TextBody = args.String("text") ?? "", HtmlBody = args.String("html") };
        foreach (var path in args.Strings("attachments"))
        {
            var full = files.Resolve(path);
            if (!File.Exists(full))
            {
                throw new ToolArgumentException($"attachment '{path}' does not exist under the files root.");
            }
            if (new FileInfo(full).Length > MaxAttachmentBytes)
            {
                throw new ToolArgumentException($"attachment '{path}' is larger than {MaxAttachmentBytes / 1024 / 1024} MiB.");
            }
            await body.Attachments.AddAsync(full, cancellationToken);
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    private static MailboxAddress Address(string text, string where) =>
        MailboxAddress.TryParse(text, out var address) && address.Address.Contains('@', StringComparison.Ordinal)
            ? address
            : throw new ToolArgumentException($"{where}: '{text}' is not an email address (expected 'name@example.com' or 'Name <name@example.com>').");

    private SecureSocketOptions Security() => _options.Security.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "starttlswhenavailable" => SecureSocketOptions.StartTlsWhenAvailable,
        "sslonconnect" => SecureSocketOptions.SslOnConnect,
        "auto" => SecureSocketOptions.Auto,
        _ => throw new ToolArgumentException($"Tools:Smtp:Security '{_options.Security}' is not one of Auto, None, StartTls, StartTlsWhenAvailable, SslOnConnect."),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "email_send: message to {Recipients} recipient(s) written to the outbox {File}")]
    private static partial void LogOutbox(ILogger logger, int recipients, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "email_send: message to {Recipients} recipient(s) sent through {Host}:{Port}")]
    private static partial void LogSent(ILogger logger, int recipients, string host, int port);
}
