using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Messaging;

/// <summary><c>builtin/clickup_list_tasks</c>: <c>GET /list/{id}/task</c> on ClickUp, else the shipped demo tasks.</summary>
internal sealed class ClickUpListTasksTool : BuiltinTool, IDisposable
{
    private const int MaxTasks = 200;
    private readonly ClickUpToolOptions _options;
    private readonly JsonApiClient _api = new();

    public ClickUpListTasksTool(IOptions<ClickUpToolOptions> options) => _options = options.Value;

    public override ToolDescriptor Descriptor { get; } = Describe(
        "clickup_list_tasks", "List ClickUp tasks",
        $"Lists the tasks of a ClickUp list (token from Tools:ClickUp:ApiToken), optionally only those with the given statuses or tag; at most {MaxTasks}. " +
        "Without a token it answers the shipped demo tasks ('source': 'demo').",
        """
        { "type": "object",
          "properties": {
            "listId": { "type": ["string", "integer"], "description": "Default Tools:ClickUp:DefaultListId." },
            "statuses": { "type": "array", "items": { "type": "string" } },
            "tag": { "type": "string" },
            "includeClosed": { "type": "boolean", "default": false } },
          "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": {
            "source": { "enum": ["clickup", "demo"] }, "count": { "type": "integer" },
            "tasks": { "type": "array", "items": { "type": "object", "properties": {
              "id": { "type": "string" }, "name": { "type": "string" }, "status": { "type": "string" }, "priority": { "type": ["string", "null"] },
              "assignee": { "type": ["string", "null"] }, "dueDate": { "type": ["string", "null"] }, "url": { "type": ["string", "null"] } } } },
            "note": { "type": "string" } },
          "required": ["source", "count", "tasks"] }
        """,
        new ToolAnnotations { ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var statuses = args.Strings("statuses");
        var tag = args.String("tag");
        var includeClosed = args.Bool("includeClosed", false);
        IEnumerable<JsonNode> raw;
        string source;
        if (string.IsNullOrWhiteSpace(_options.ApiToken))
        {
            raw = JsonNode.Parse(DemoDataInstaller.ReadText("clickup-tasks.json"))!["tasks"]!.AsArray()!.Select(t => t!);
            source = "demo";
        }
        else
        {
            var listId = args.String("listId") ?? _options.DefaultListId ?? throw new ToolArgumentException("no 'listId' given and no Tools:ClickUp:DefaultListId configured.");
            var query = string.Join("&", statuses.Select(s => $"statuses[]={Uri.EscapeDataString(s)}").Append($"include_closed={(includeClosed ? "true" : "false")}"));
            var token = _options.ApiToken;
            var (status, body, text) = await _api.SendAsync(HttpMethod.Get, $"{_options.BaseUrl.TrimEnd('/')}/list/{Uri.EscapeDataString(listId)}/task?{query}", null, token, token, _options.TimeoutSeconds, "The ClickUp API", cancellationToken);
            if (status is < 200 or > 299 || body?["tasks"] is not JsonArray tasks)
            {
                return ToolCallResult.Failure($"{Descriptor.FullName}: ClickUp answered {status}: {body?["err"]?.GetValue<string>() ?? text}");
            }
            raw = tasks.Select(t => t!);
            source = "clickup";
        }
        var selected = raw.Select(Normalise)
            .Where(t => statuses.Count == 0 || statuses.Contains(t["status"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase))
            .Where(t => includeClosed || statuses.Count > 0 || !IsClosed(t["status"]!.GetValue<string>()))
            .Where(t => tag is null || t["tags"]!.AsArray().Any(x => string.Equals(x!.GetValue<string>(), tag, StringComparison.OrdinalIgnoreCase)))
            .Take(MaxTasks)
            .ToList();
        var output = new JsonObject { ["source"] = source, ["count"] = selected.Count, ["tasks"] = new JsonArray([.. selected]) };
        if (source == "demo")
        {
            output["note"] = "No ClickUp token is configured (Tools:ClickUp:ApiToken): these are the shipped demo tasks.";
        }
        return ToolJson.Ok(output);
    }

    /// <summary>ClickUp's task shape (or the demo's flat one) as {id, name, status, priority, assignee, dueDate, url, tags}.</summary>
    private static JsonObject Normalise(JsonNode task)
    {
        var status = task["status"] is JsonObject s ? s["status"]?.ToString() : task["status"]?.ToString();
        var priority = task["priority"] is JsonObject p ? p["priority"]?.ToString() : task["priority"]?.ToString();
        var assignee = task["assignees"] is JsonArray { Count: > 0 } a ? a[0]?["username"]?.ToString() : task["assignee"]?.ToString();
        var due = task["due_date"]?.ToString() is { Length: > 0 } ms && long.TryParse(ms, out var at)
            ? DateTimeOffset.FromUnixTimeMilliseconds(at).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : task["dueDate"]?.ToString();
        var tags = task["tags"] is JsonArray t ? t.Select(x => x is JsonObject o ? o["name"]?.ToString() : x?.ToString()).Where(x => x is not null).Select(x => x!) : [];
        return new JsonObject
        {
            ["id"] = task["id"]?.ToString(), ["name"] = task["name"]?.ToString(), ["status"] = status ?? "unknown", ["priority"] = priority,
            ["assignee"] = assignee, ["dueDate"] = due, ["url"] = task["url"]?.ToString(), ["tags"] = ToolJson.Array(tags),
        };
    }

    private static bool IsClosed(string status) => status.Equals("closed", StringComparison.OrdinalIgnoreCase) || status.Equals("complete", StringComparison.OrdinalIgnoreCase);

    public void Dispose() => _api.Dispose();
}
