using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tools.Files;

namespace WorkflowStudio.Tools.Messaging;

/// <summary><c>builtin/telegram_send</c>: a message through the Telegram Bot API (<c>sendMessage</c>), else to the outbox.</summary>
internal sealed class TelegramSendTool : BuiltinTool, IDisposable
{
    private readonly TelegramToolOptions _options;
    private readonly ToolPaths _paths;
    private readonly JsonApiClient _api = new();

    public TelegramSendTool(IOptions<TelegramToolOptions> options, ToolPaths paths)
    {
        _options = options.Value;
        _paths = paths;
    }

    public override ToolDescriptor Descriptor { get; } = Describe(
        "telegram_send", "Send a Telegram message",
        "Sends a message with the Telegram Bot API (token from Tools:Telegram:BotToken). Without a token, the message is written to the " +
        "offline outbox (<DataDir>/outbox/telegram) and the result says so ('delivered': 'outbox').",
        """
        { "type": "object",
          "properties": {
            "chatId": { "type": ["string", "integer"], "description": "Chat id or @channel; default Tools:Telegram:DefaultChatId." },
            "text": { "type": "string", "minLength": 1, "maxLength": 4096 },
            "parseMode": { "enum": ["MarkdownV2", "HTML", "Markdown"] },
            "silent": { "type": "boolean", "default": false } },
          "required": ["text"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "delivered": { "enum": ["telegram", "outbox"] }, "chatId": { "type": "string" }, "messageId": {}, "file": { "type": "string" }, "note": { "type": "string" } },
          "required": ["delivered", "chatId"] }
        """,
        new ToolAnnotations { ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var chatId = args.String("chatId") ?? _options.DefaultChatId
            ?? throw new ToolArgumentException("no 'chatId' given and no Tools:Telegram:DefaultChatId configured.");
        var payload = new JsonObject { ["chat_id"] = chatId, ["text"] = args.RequiredString("text") };
        if (args.String("parseMode") is { } mode)
        {
            payload["parse_mode"] = mode;
        }
        if (args.Bool("silent", false))
        {
            payload["disable_notification"] = true;
        }
        if (string.IsNullOrWhiteSpace(_options.BotToken))
        {
            var file = Path.Combine(_paths.For(context.TenantId).Outbox("telegram"), $"{context.TimeProvider.GetUtcNow():yyyyMMdd-HHmmss}-{ToolPaths.SafeName(context.IdempotencyKey ?? Guid.NewGuid().ToString("N"))}.json");
            await File.WriteAllTextAsync(file, payload.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
            return ToolJson.Ok(new JsonObject
            {
                ["delivered"] = "outbox", ["chatId"] = chatId, ["file"] = file,
                ["note"] = "No Telegram bot token is configured (Tools:Telegram:BotToken), so the message was written to the offline outbox instead of being sent.",
            });
        }
        var token = _options.BotToken;
        var (status, body, text) = await _api.SendAsync(HttpMethod.Post, $"{_options.BaseUrl.TrimEnd('/')}/bot{token}/sendMessage", payload, null, token, _options.TimeoutSeconds, "The Telegram Bot API", cancellationToken);
        if (status is < 200 or > 299 || body?["ok"]?.GetValue<bool>() != true)
        {
            return ToolCallResult.Failure($"{Descriptor.FullName}: Telegram answered {status}: {body?["description"]?.GetValue<string>() ?? text}");
        }
        return ToolJson.Ok(new JsonObject { ["delivered"] = "telegram", ["chatId"] = chatId, ["messageId"] = body["result"]?["message_id"]?.DeepClone() });
    }

    public void Dispose() => _api.Dispose();
}
