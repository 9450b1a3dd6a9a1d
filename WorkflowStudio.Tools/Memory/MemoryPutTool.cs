using System.Text.Json.Nodes;
using Dapper;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Memory;

/// <summary><c>builtin/memory_put</c>: stores a JSON value under a key, durably, per tenant and namespace.</summary>
internal sealed class MemoryPutTool : BuiltinTool
{
    public const int MaxValueChars = 256 * 1024;
    private readonly ToolDataStore _store;

    public MemoryPutTool(ToolDataStore store) => _store = store;

    public override ToolDescriptor Descriptor { get; } = Describe(
        "memory_put", "Remember a value",
        $"Stores any JSON value under a key in durable memory (per tenant, in a namespace; default 'default'), replacing an earlier value. Values up to {MaxValueChars} characters of JSON.",
        """
        { "type": "object",
          "properties": {
            "key": { "type": "string", "minLength": 1, "maxLength": 400 },
            "value": { "description": "Any JSON." },
            "namespace": { "type": "string", "minLength": 1, "maxLength": 100, "default": "default" },
            "tags": { "type": "array", "items": { "type": "string" } },
            "ttlSeconds": { "type": "number", "exclusiveMinimum": 0, "description": "Forget the value after this long." } },
          "required": ["key", "value"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "key": { "type": "string" }, "namespace": { "type": "string" }, "created": { "type": "boolean" }, "updatedAt": { "type": "string" } },
          "required": ["key", "namespace", "created", "updatedAt"] }
        """,
        new ToolAnnotations { ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var key = args.RequiredString("key");
        var ns = args.String("namespace") ?? "default";
        var value = args.Element("value") ?? default;
        var json = value.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "null" : value.GetRawText();
        if (json.Length > MaxValueChars)
        {
            throw new ToolArgumentException($"'value' is {json.Length} characters of JSON, more than {MaxValueChars}; store a file (builtin/files_write) and remember its path instead.");
        }
        var now = context.TimeProvider.GetUtcNow();
        long? expires = args.Has("ttlSeconds") ? now.AddSeconds(args.Double("ttlSeconds", 0)).ToUnixTimeMilliseconds() : null;
        var database = await _store.GetAsync(cancellationToken);
        var created = await database.WriteAsync(async (connection, transaction) =>
        {
            var existed = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM tool_memory WHERE tenant = @tenant AND namespace = @ns AND key = @key",
                new { tenant = context.TenantId, ns, key }, transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO tool_memory (tenant, namespace, key, value, text, tags, created_at, updated_at, expires_at)
                VALUES (@tenant, @ns, @key, @json, @text, @tags, @now, @now, @expires)
                ON CONFLICT (tenant, namespace, key) DO UPDATE SET value = excluded.value, text = excluded.text, tags = excluded.tags,
                    updated_at = excluded.updated_at, expires_at = excluded.expires_at
                """,
                new
                {
                    tenant = context.TenantId, ns, key, json, text = $"{key} {ToolDataStore.SearchText(value)}",
                    tags = ToolJson.Array(args.Strings("tags")).ToJsonString(), now = now.ToUnixTimeMilliseconds(), expires,
                },
                transaction);
            return existed == 0;
        }, cancellationToken);
        return ToolJson.Ok(new JsonObject { ["key"] = key, ["namespace"] = ns, ["created"] = created, ["updatedAt"] = now.ToString("O") });
    }
}
