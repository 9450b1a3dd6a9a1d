using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tools.Files;

namespace WorkflowStudio.Tools.Messaging;

/// <summary><c>builtin/clickup_create_task</c>: <c>POST /list/{id}/task</c> on ClickUp, else a task file in the outbox.</summary>
internal sealed class ClickUpCreateTaskTool : BuiltinTool, IDisposable
{
    private readonly ClickUpToolOptions _options;
    private readonly ToolPaths _paths;
    private readonly JsonApiClient _api = new();

    public ClickUpCreateTaskTool(IOptions<ClickUpToolOptions> options, ToolPaths paths)
    {
        _options = options.Value;
        _paths = paths;
    }

    public override ToolDescriptor Descriptor { get; } = Describe(
        "clickup_create_task", "Create a ClickUp task",
        "Creates a task in a ClickUp list (token from Tools:ClickUp:ApiToken). Without a token, the task is written to the offline outbox " +
        "(<DataDir>/outbox/clickup) and the result says so ('delivered': 'outbox').",
        """
        { "type": "object",
          "properties": {
            "listId": { "type": ["string", "integer"], "description": "Default Tools:ClickUp:DefaultListId." },
            "name": { "type": "string", "minLength": 1, "maxLength": 500 },
            "description": { "type": "string" },
            "priority": { "type": "integer", "minimum": 1, "maximum": 4, "description": "1 urgent, 2 high, 3 normal, 4 low." },
            "dueDate": { "type": "string", "description": "ISO 8601 date or date-time." },
            "tags": { "type": "array", "items": { "type": "string" } } },
          "required": ["name"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "delivered": { "enum": ["clickup", "outbox"] }, "id": { "type": "string" }, "name": { "type": "string" },
                          "url": { "type": ["string", "null"] }, "file": { "type": "string" }, "note": { "type": "string" } },
          "required": ["delivered", "id", "name"] }
        """,
        new ToolAnnotations { ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var listId = args.String("listId") ?? _options.DefaultListId ?? (string.IsNullOrWhiteSpace(_options.ApiToken) ? "demo" : null)
            ?? throw new ToolArgumentException("no 'listId' given and no Tools:ClickUp:DefaultListId configured.");
        var task = new JsonObject { ["name"] = args.RequiredString("name") };
        if (args.String("description") is { } description)
        {
            task["description"] = description;
        }
        if (args.Has("priority"))
        {
            task["priority"] = args.Int("priority", 3);
        }
        if (args.String("dueDate") is { } due)
        {
            task["due_date"] = DateTimeOffset.TryParse(due, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                ? at.ToUnixTimeMilliseconds()
                : throw new ToolArgumentException($"'dueDate' must be an ISO 8601 date, got '{due}'.");
        }
        if (args.Strings("tags") is { Count: > 0 } tags)
        {
            task["tags"] = ToolJson.Array(tags);
        }
        if (string.IsNullOrWhiteSpace(_options.ApiToken))
        {
            var id = $"offline-{ToolPaths.SafeName(context.IdempotencyKey ?? Guid.NewGuid().ToString("N"))}";
            task["id"] = id;
            task["list_id"] = listId;
            var file = Path.Combine(_paths.For(context.TenantId).Outbox("clickup"), $"{id}.json");
            await File.WriteAllTextAsync(file, task.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
            return ToolJson.Ok(new JsonObject
            {
                ["delivered"] = "outbox", ["id"] = id, ["name"] = task["name"]!.GetValue<string>(), ["url"] = null, ["file"] = file,
                ["note"] = "No ClickUp token is configured (Tools:ClickUp:ApiToken), so the task was written to the offline outbox instead of being created.",
            });
        }
        var token = _options.ApiToken;
        var url = $"{_options.BaseUrl.TrimEnd('/')}/list/{Uri.EscapeDataString(listId)}/task";
        var (status, body, text) = await _api.SendAsync(HttpMethod.Post, url, task, token, token, _options.TimeoutSeconds, "The ClickUp API", cancellationToken);
        if (status is < 200 or > 299 || body?["id"] is null)
        {
            return ToolCallResult.Failure($"{Descriptor.FullName}: ClickUp answered {status}: {body?["err"]?.GetValue<string>() ?? text}");
        }
        return ToolJson.Ok(new JsonObject
        {
            ["delivered"] = "clickup", ["id"] = body["id"]!.ToString(), ["name"] = body["name"]?.ToString() ?? task["name"]!.GetValue<string>(), ["url"] = body["url"]?.ToString(),
        });
    }

    public void Dispose() => _api.Dispose();
}
