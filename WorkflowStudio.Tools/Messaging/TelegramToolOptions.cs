namespace WorkflowStudio.Tools.Messaging;

/// <summary>
/// The Telegram Bot API of <c>builtin/telegram_send</c> (configuration section <c>Tools:Telegram</c>). Without a
/// <see cref="BotToken"/>, messages are written to <c>&lt;DataDir&gt;/outbox/telegram</c> instead.
/// </summary>
public sealed class TelegramToolOptions
{
    public const string SectionName = "Tools:Telegram";
    public const string DefaultBaseUrl = "https://api.telegram.org";

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>From configuration or environment (<c>Tools__Telegram__BotToken</c>) only; never in workflow files.</summary>
    public string? BotToken { get; set; }

    /// <summary>Used when a call gives no <c>chatId</c>.</summary>
    public string? DefaultChatId { get; set; }

    public double TimeoutSeconds { get; set; } = 30;
}
