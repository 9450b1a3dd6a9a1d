namespace WorkflowStudio.Tools.Email;

/// <summary>
/// The SMTP server of <c>builtin/email_send</c> (configuration section <c>Tools:Smtp</c>). Without a
/// <see cref="Host"/>, messages are written as <c>.eml</c> files to <c>&lt;DataDir&gt;/outbox/email</c> instead.
/// </summary>
public sealed class SmtpToolOptions
{
    public const string SectionName = "Tools:Smtp";
    public const string DefaultFrom = "WorkflowStudio <studio@localhost>";
    public const double DefaultTimeoutSeconds = 30;

    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary><c>Auto</c> (default), <c>None</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c> or <c>SslOnConnect</c>.</summary>
    public string Security { get; set; } = "Auto";

    /// <summary>Set with the password through configuration or environment (<c>Tools__Smtp__Password</c>), never in workflow files.</summary>
    public string? Username { get; set; }
    public string? Password { get; set; }

    public string From { get; set; } = DefaultFrom;
    public double TimeoutSeconds { get; set; } = DefaultTimeoutSeconds;
}
