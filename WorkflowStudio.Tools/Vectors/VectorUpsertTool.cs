using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Dapper;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tools.Memory;

namespace WorkflowStudio.Tools.Vectors;

/// <summary><c>builtin/vector_upsert</c>: embeds texts and stores them in a per-tenant collection.</summary>
internal sealed class VectorUpsertTool : BuiltinTool
{
    private const int MaxItems = 500;
    private const int MaxTextChars = 32 * 1024;
    private readonly ToolDataStore _store;
    private readonly TextEmbedder _embedder;

    public VectorUpsertTool(ToolDataStore store, TextEmbedder embedder)
    {
        _store = store;
        _embedder = embedder;
    }

    public override ToolDescriptor Descriptor { get; } = Describe(
        "vector_upsert", "Index texts",
        $"Embeds up to {MaxItems} texts and stores them (by id, replacing earlier ones) in a collection. Embeddings come from the configured " +
        $"embedding generator, else the local lexical embedding '{TextEmbedder.LexicalModel}' (offline).",
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
          "properties": { "collection": { "type": "string" }, "upserted": { "type": "integer" }, "model": { "type": "string" }, "dimensions": { "type": "integer" } },
          "required": ["collection", "upserted", "model", "dimensions"] }
        """,
        new ToolAnnotations { ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var collection = args.RequiredString("collection");
        var items = args.Element("items")!.Value.EnumerateArray().Select(i => (
            Id: ToolArgs.AsText(i.GetProperty("id")),
            Text: i.GetProperty("text").GetString()!,
            Metadata: i.TryGetProperty("metadata", out var m) ? m.GetRawText() : "{}")).ToList();
        var vectors = await _embedder.EmbedAsync([.. items.Select(i => i.Text)], cancellationToken);
        var model = _embedder.Model;
        var dimensions = vectors[0].Length;
        var existing = await ExistingModelAsync(context.TenantId, collection, cancellationToken);
        if (existing is { } other && (other.Model != model || other.Dimensions != dimensions))
        {
            throw new ToolArgumentException($"collection '{collection}' holds embeddings of '{other.Model}' ({other.Dimensions} dimensions), not '{model}' ({dimensions}); use a new collection name.");
        }
        var now = context.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var database = await _store.GetAsync(cancellationToken);
        await database.WriteAsync(async (connection, transaction) =>
        {
            for (var i = 0; i < items.Count; i++)
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO tool_vectors (tenant, collection, id, text, metadata, embedding, dimensions, model, updated_at)
                    VALUES (@tenant, @collection, @id, @text, @metadata, @embedding, @dimensions, @model, @now)
                    ON CONFLICT (tenant, collection, id) DO UPDATE SET text = excluded.text, metadata = excluded.metadata,
                        embedding = excluded.embedding, dimensions = excluded.dimensions, model = excluded.model, updated_at = excluded.updated_at
                    """,
                    new
                    {
                        tenant = context.TenantId, collection, id = items[i].Id, text = items[i].Text, metadata = items[i].Metadata,
                        embedding = MemoryMarshal.AsBytes(vectors[i].AsSpan()).ToArray(), dimensions, model, now,
                    },
                    transaction);
            }
            return true;
        }, cancellationToken);
        return ToolJson.Ok(new JsonObject { ["collection"] = collection, ["upserted"] = items.Count, ["model"] = model, ["dimensions"] = dimensions });
    }

    private async Task<(string Model, long Dimensions)?> ExistingModelAsync(string tenant, string collection, CancellationToken cancellationToken)
    {
        var database = await _store.GetAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string Model, long Dimensions)>(new CommandDefinition(
            "SELECT model, dimensions FROM tool_vectors WHERE tenant = @tenant AND collection = @collection LIMIT 1",
            new { tenant, collection }, cancellationToken: cancellationToken))).ToList();
        return rows.Count == 0 ? null : rows[0];
    }
}
