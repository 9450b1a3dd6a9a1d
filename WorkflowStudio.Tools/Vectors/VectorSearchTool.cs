using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Dapper;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tools.Memory;

namespace WorkflowStudio.Tools.Vectors;

/// <summary><c>builtin/vector_search</c>: the top-k texts of a collection by cosine similarity to the query.</summary>
internal sealed class VectorSearchTool : BuiltinTool
{
    private readonly ToolDataStore _store;
    private readonly TextEmbedder _embedder;

    public VectorSearchTool(ToolDataStore store, TextEmbedder embedder)
    {
        _store = store;
        _embedder = embedder;
    }

    public override ToolDescriptor Descriptor { get; } = Describe(
        "vector_search", "Semantic search",
        "Embeds 'query' like vector_upsert did and returns the collection's top-k items by cosine similarity (score 1 = same direction).",
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
            "results": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" }, "text": { "type": "string" }, "metadata": { "type": "object" }, "score": { "type": "number" } } } } },
          "required": ["collection", "results"] }
        """,
        ReadOnlyLocal);

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var collection = args.RequiredString("collection");
        var database = await _store.GetAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string Id, string Text, string Metadata, byte[] Embedding, string Model)>(new CommandDefinition(
            "SELECT id, text, metadata, embedding, model FROM tool_vectors WHERE tenant = @tenant AND collection = @collection",
            new { tenant = context.TenantId, collection }, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            throw new ToolArgumentException($"collection '{collection}' is empty or does not exist; fill it with builtin/vector_upsert first.");
        }
        var model = _embedder.Model;
        if (rows[0].Model != model)
        {
            throw new ToolArgumentException($"collection '{collection}' was embedded with '{rows[0].Model}' but the current embedder is '{model}'; re-index it.");
        }
        var query = (await _embedder.EmbedAsync([args.RequiredString("query")], cancellationToken))[0];
        var minScore = args.Double("minScore", double.NegativeInfinity);
        var results = rows
            .Select(r => (Row: r, Score: TextEmbedder.Cosine(query, MemoryMarshal.Cast<byte, float>(r.Embedding))))
            .Where(r => r.Score >= minScore)
            .OrderByDescending(r => r.Score).ThenBy(r => r.Row.Id, StringComparer.Ordinal)
            .Take(args.Int("topK", 5))
            .Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Row.Id, ["text"] = r.Row.Text, ["metadata"] = JsonNode.Parse(r.Row.Metadata), ["score"] = Math.Round(r.Score, 4),
            })
            .ToArray();
        return ToolJson.Ok(new JsonObject { ["collection"] = collection, ["model"] = model, ["results"] = new JsonArray(results) });
    }
}
