using System.Text.Json.Nodes;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Vectors;

/// <summary><c>builtin/vector_search</c>: the top-k texts of a collection by cosine similarity to the query.</summary>
internal sealed class VectorSearchTool : BuiltinTool
{
    private readonly VectorStore _store;
    private readonly TextEmbedder _embedder;

    public VectorSearchTool(VectorStore store, TextEmbedder embedder)
    {
        _store = store;
        _embedder = embedder;
    }

    public override ToolDescriptor Descriptor { get; } = Describe(
        "vector_search", "Semantic search",
        "Embeds 'query' like vector_upsert did and returns the collection's top-k items by cosine similarity (score 1 = same direction). " +
        "Items an earlier embedding model stored are re-embedded from their text on first use.",
        """
        { "type": "object",
          "properties": {
            "collection": { "type": "string", "minLength": 1 },
            "query": { "type": "string", "minLength": 1 },
            "topK": { "type": "integer", "minimum": 1, "maximum": 100, "default": 5 },
            "minScore": { "type": "number", "minimum": -1, "maximum": 1 } },
          "required": ["collection", "query"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "collection": { "type": "string" }, "model": { "type": "string" },
            "reembedded": { "type": "integer", "description": "stored items another model had embedded, re-embedded from their text first" },
            "results": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" }, "text": { "type": "string" }, "metadata": { "type": "object" }, "score": { "type": "number" } } } } },
          "required": ["collection", "results"] }
        """,
        ReadOnlyLocal);

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var collection = args.RequiredString("collection");
        var (total, stale) = await _store.CountAsync(context.TenantId, collection, cancellationToken);
        if (total == 0)
        {
            throw new ToolArgumentException($"collection '{collection}' is empty or does not exist; fill it with builtin/vector_upsert first.");
        }
        // Vectors of another model cannot be compared with this query's: bring them to the current model first.
        var reembedded = stale == 0 ? 0 : await _store.ReembedStaleAsync(context.TenantId, collection, cancellationToken);
        var query = (await _embedder.EmbedAsync([args.RequiredString("query")], cancellationToken))[0];
        var hits = await _store.SearchAsync(context.TenantId, collection, query, args.Int("topK", 5), args.Double("minScore", double.NegativeInfinity), cancellationToken);
        var results = hits.Select(h => (JsonNode)new JsonObject
        {
            ["id"] = h.Id, ["text"] = h.Text, ["metadata"] = JsonNode.Parse(h.Metadata), ["score"] = Math.Round(h.Score, 4),
        }).ToArray();
        return ToolJson.Ok(new JsonObject { ["collection"] = collection, ["model"] = _store.Model, ["reembedded"] = reembedded, ["results"] = new JsonArray(results) });
    }
}
