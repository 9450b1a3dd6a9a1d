using System.Text.Json.Nodes;
using Dapper;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Memory;

/// <summary><c>builtin/memory_get</c>: the value stored under a key, or <c>found: false</c>.</summary>
internal sealed class MemoryGetTool : BuiltinTool
{
    private readonly ToolDataStore _store;

    public MemoryGetTool(ToolDataStore store) => _store = store;

    public override ToolDescriptor Descriptor { get; } = Describe(
        "memory_get", "Recall a value",
        "Reads the value stored under a key (per tenant and namespace). Answers found: false (and value: null) when there is none or it expired.",
        """
        { "type": "object",
          "properties": { "key": { "type": "string", "minLength": 1 }, "namespace": { "type": "string", "default": "default" } },
          "required": ["key"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "found": { "type": "boolean" }, "key": { "type": "string" }, "value": {}, "updatedAt": { "type": ["string", "null"] } },
          "required": ["found", "key"] }
        """,
        ReadOnlyLocal);

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var key = args.RequiredString("key");
        var database = await _store.GetAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Value, long UpdatedAt)>(new CommandDefinition(
            "SELECT value AS Value, updated_at AS UpdatedAt FROM tool_memory WHERE tenant = @tenant AND namespace = @ns AND key = @key AND (expires_at IS NULL OR expires_at > @now)",
            new { tenant = context.TenantId, ns = args.String("namespace") ?? "default", key, now = context.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        var found = rows.ToList() is [var single] ? single : ((string Value, long UpdatedAt)?)null;
        return ToolJson.Ok(found is { } row
            ? new JsonObject { ["found"] = true, ["key"] = key, ["value"] = JsonNode.Parse(row.Value), ["updatedAt"] = DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt).ToString("O") }
            : new JsonObject { ["found"] = false, ["key"] = key, ["value"] = null, ["updatedAt"] = null });
    }
}
