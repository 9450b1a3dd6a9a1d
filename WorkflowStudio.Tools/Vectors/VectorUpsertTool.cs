using System.Text.Json.Nodes;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Vectors;

/// <summary><c>builtin/vector_upsert</c>: embeds texts and stores them in a per-tenant collection.</summary>
internal sealed class VectorUpsertTool : BuiltinTool
{
    private const int MaxItems = 500;
    private const int MaxTextChars = 32 * 1024;
    private readonly VectorStore _store;

    public VectorUpsertTool(VectorStore store) => _store = store;

    public override ToolDescriptor Descriptor { get; } = Describe(
        "vector_upsert", "Index texts",
        $"Embeds up to {MaxItems} texts and stores them (by id, replacing earlier ones) in a collection of at most {VectorStore.MaxPerCollection:N0} items. " +
        "Embeddings come from the configured model: by default all-MiniLM-L6-v2, on this machine (offline).",
        $$"""
        { "type": "object",
          "properties": {
            "collection": { "type": "string", "minLength": 1, "maxLength": 100 },
            "items": { "type": "array", "minItems": 1, "maxItems": {{MaxItems}}, "items": { "type": "object",
              "properties": { "id": { "type": ["string", "integer"] }, "text": { "type": "string", "minLength": 1, "maxLength": {{MaxTextChars}} }, "metadata": { "type": "object" } },
              "required": ["id", "text"], "additionalProperties": false } } },
          "required": ["collection", "items"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "collection": { "type": "string" }, "upserted": { "type": "integer" }, "model": { "type": "string" }, "dimensions": { "type": "integer" },
            "reembedded": { "type": "integer", "description": "stored items another model had embedded, re-embedded from their text first" } },
          "required": ["collection", "upserted", "model", "dimensions"] }
        """,
        new ToolAnnotations { ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var collection = args.RequiredString("collection");
        var items = args.Element("items")!.Value.EnumerateArray().Select(i => new VectorItem(
            ToolArgs.AsText(i.GetProperty("id")),
            i.GetProperty("text").GetString()!,
            i.TryGetProperty("metadata", out var m) ? m.GetRawText() : "{}")).ToList();
        var (_, stale) = await _store.CountAsync(context.TenantId, collection, cancellationToken);
        var reembedded = stale == 0 ? 0 : await _store.ReembedStaleAsync(context.TenantId, collection, cancellationToken);
        var dimensions = await _store.UpsertAsync(context.TenantId, collection, items, context.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        return ToolJson.Ok(new JsonObject
        {
            ["collection"] = collection, ["upserted"] = items.Count, ["model"] = _store.Model, ["dimensions"] = dimensions, ["reembedded"] = reembedded,
        });
    }
}
