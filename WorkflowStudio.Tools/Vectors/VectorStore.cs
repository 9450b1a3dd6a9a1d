using System.Data.Common;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowStudio.Tools.Memory;

namespace WorkflowStudio.Tools.Vectors;

/// <summary>
/// The <c>tool_vectors</c> table (SQLite or PostgreSQL, <c>migrations/*/0003_tool_data.sql</c>) for the vector tools: one
/// row per item of a tenant's collection, with its text, the vector (float32 little-endian), and the id of the model that
/// made it. Search is brute force: every vector of the collection is read and scored, the top k kept; that is why a
/// collection holds at most <see cref="MaxPerCollection"/> items. Rows another model made (the lexical scheme of earlier
/// versions, or a different <c>Embeddings</c> model) are re-embedded from their stored text on the collection's first use.
/// </summary>
internal sealed partial class VectorStore
{
    /// <summary>Most items in one tenant's collection: a search reads them all (measured in docs/embeddings.md).</summary>
    public const int MaxPerCollection = 100_000;

    /// <summary>Rows re-embedded per model call and per transaction, so an interrupted upgrade keeps what it did.</summary>
    private const int ReembedBatch = 64;

    private readonly ToolDataStore _store;
    private readonly TextEmbedder _embedder;
    private readonly ILogger _logger;

    public VectorStore(ToolDataStore store, TextEmbedder embedder, ILoggerFactory? loggerFactory = null)
    {
        _store = store;
        _embedder = embedder;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<VectorStore>();
    }

    public string Model => _embedder.Model;

    /// <summary>Embeds and stores <paramref name="items"/> (replacing items of the same id); fails past <see cref="MaxPerCollection"/>.</summary>
    public async Task<int> UpsertAsync(string tenant, string collection, IReadOnlyList<VectorItem> items, long now, CancellationToken cancellationToken)
    {
        var vectors = await _embedder.EmbedAsync([.. items.Select(i => i.Text)], cancellationToken);
        var model = _embedder.Model;
        var database = await _store.GetAsync(cancellationToken);
        await database.WriteAsync(async (connection, transaction) =>
        {
            for (var i = 0; i < items.Count; i++)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO tool_vectors (tenant, collection, id, text, metadata, embedding, dimensions, model, updated_at)
                    VALUES (@tenant, @collection, @id, @text, @metadata, @embedding, @dimensions, @model, @now)
                    ON CONFLICT (tenant, collection, id) DO UPDATE SET text = excluded.text, metadata = excluded.metadata,
                        embedding = excluded.embedding, dimensions = excluded.dimensions, model = excluded.model, updated_at = excluded.updated_at
                    """,
                    new
                    {
                        tenant, collection, id = items[i].Id, text = items[i].Text, metadata = items[i].Metadata,
                        embedding = Bytes(vectors[i]), dimensions = vectors[i].Length, model, now,
                    },
                    transaction, cancellationToken: cancellationToken));
            }
            var count = await CountAsync(connection, transaction, tenant, collection, cancellationToken);
            if (count > MaxPerCollection)
            {
                // thrown inside the transaction: nothing of this upsert is kept
                throw new ToolArgumentException(
                    $"collection '{collection}' would hold {count:N0} items, more than the {MaxPerCollection:N0} a collection may hold " +
                    "(search compares the query with every item); put further items in another collection.");
            }
            return count;
        }, cancellationToken);
        return vectors.Count == 0 ? 0 : vectors[0].Length;
    }

    /// <summary>
    /// Re-embeds, from their stored text, the collection's rows that another model made; returns how many. Keyset pages in
    /// id order, one transaction per page: a cancelled call keeps the pages it finished and the next call goes on from there.
    /// A row whose text changed meanwhile (a concurrent upsert) is left to that upsert.
    /// </summary>
    public async Task<int> ReembedStaleAsync(string tenant, string collection, CancellationToken cancellationToken)
    {
        var model = _embedder.Model;
        var database = await _store.GetAsync(cancellationToken);
        var done = 0;
        var after = "";
        while (true)
        {
            var stale = await database.ReadAsync(async connection => (await connection.QueryAsync<(string Id, string Text, string Model)>(new CommandDefinition(
                """
                SELECT id, text, model FROM tool_vectors
                WHERE tenant = @tenant AND collection = @collection AND model <> @model AND id > @after
                ORDER BY id LIMIT @limit
                """,
                new { tenant, collection, model, after, limit = ReembedBatch }, cancellationToken: cancellationToken))).ToList(), cancellationToken);
            if (stale.Count == 0)
            {
                break;
            }
            var vectors = await _embedder.EmbedAsync([.. stale.Select(r => r.Text)], cancellationToken);
            done += await database.WriteAsync(async (connection, transaction) =>
            {
                var updated = 0;
                for (var i = 0; i < stale.Count; i++)
                {
                    updated += await connection.ExecuteAsync(new CommandDefinition(
                        """
                        UPDATE tool_vectors SET embedding = @embedding, dimensions = @dimensions, model = @model
                        WHERE tenant = @tenant AND collection = @collection AND id = @id AND model = @old AND text = @text
                        """,
                        new
                        {
                            embedding = Bytes(vectors[i]), dimensions = vectors[i].Length, model,
                            tenant, collection, id = stale[i].Id, old = stale[i].Model, text = stale[i].Text,
                        },
                        transaction, cancellationToken: cancellationToken));
                }
                return updated;
            }, cancellationToken);
            after = stale[^1].Id;
        }
        if (done > 0)
        {
            LogReembedded(done, collection, tenant, model);
        }
        return done;
    }

    /// <summary>The <paramref name="topK"/> items most similar to <paramref name="query"/> (unit length) with a score of at least <paramref name="minScore"/>.</summary>
    public async Task<IReadOnlyList<VectorHit>> SearchAsync(string tenant, string collection, float[] query, int topK, double minScore,
        CancellationToken cancellationToken)
    {
        var model = _embedder.Model;
        var database = await _store.GetAsync(cancellationToken);
        return await database.ReadAsync(async connection =>
        {
            // Score every vector while streaming them; keep only the best k ids (a min-heap), then fetch their text.
            var best = new PriorityQueue<string, (float Score, string Id)>(topK + 1, BestLast.Instance);
            await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                "SELECT id, embedding FROM tool_vectors WHERE tenant = @tenant AND collection = @collection AND model = @model",
                new { tenant, collection, model }, cancellationToken: cancellationToken)))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    // one array per row: measured faster than GetBytes into a reused buffer (which asks SQLite twice)
                    var vector = MemoryMarshal.Cast<byte, float>(reader.GetFieldValue<byte[]>(1));
                    if (vector.Length != query.Length)
                    {
                        continue; // another dimension count: cannot be compared (the model id said otherwise)
                    }
                    var score = TensorPrimitives.Dot(query, vector);
                    if (score < minScore)
                    {
                        continue;
                    }
                    var id = reader.GetString(0);
                    best.Enqueue(id, (score, id));
                    if (best.Count > topK)
                    {
                        best.Dequeue();
                    }
                }
            }
            var ranked = new List<(string Id, float Score)>(best.Count);
            while (best.TryDequeue(out var id, out var key))
            {
                ranked.Add((id, key.Score));
            }
            ranked.Reverse();
            if (ranked.Count == 0)
            {
                return (IReadOnlyList<VectorHit>)[];
            }
            var ids = ranked.Select(r => r.Id).ToArray();
            var texts = (await connection.QueryAsync<(string Id, string Text, string Metadata)>(new CommandDefinition(
                $"SELECT id, text, metadata FROM tool_vectors WHERE tenant = @tenant AND collection = @collection AND {database.InList("id", "ids")}",
                new { tenant, collection, ids }, cancellationToken: cancellationToken))).ToDictionary(r => r.Id, StringComparer.Ordinal);
            return [.. ranked.Where(r => texts.ContainsKey(r.Id)).Select(r => new VectorHit(r.Id, texts[r.Id].Text, texts[r.Id].Metadata, r.Score))];
        }, cancellationToken);
    }

    /// <summary>How many items the collection holds, and how many of them another model embedded (from the index, not the vectors).</summary>
    public async Task<(long Total, long Stale)> CountAsync(string tenant, string collection, CancellationToken cancellationToken)
    {
        var model = _embedder.Model;
        var database = await _store.GetAsync(cancellationToken);
        return await database.ReadAsync(async connection => await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            """
            SELECT COUNT(*), COUNT(CASE WHEN model <> @model THEN 1 END) FROM tool_vectors
            WHERE tenant = @tenant AND collection = @collection
            """,
            new { tenant, collection, model }, cancellationToken: cancellationToken)), cancellationToken);
    }

    private static Task<long> CountAsync(DbConnection connection, DbTransaction? transaction, string tenant, string collection, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM tool_vectors WHERE tenant = @tenant AND collection = @collection",
            new { tenant, collection }, transaction, cancellationToken: cancellationToken));

    private static byte[] Bytes(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-embedded {Count} stored vectors of collection {Collection} (tenant {Tenant}) with {Model}")]
    private partial void LogReembedded(int count, string collection, string tenant, string model);

    /// <summary>Heap order: the lowest score (then the greatest id) leaves first, so ties keep the smaller id.</summary>
    private sealed class BestLast : IComparer<(float Score, string Id)>
    {
        public static readonly BestLast Instance = new();

        public int Compare((float Score, string Id) x, (float Score, string Id) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : string.CompareOrdinal(y.Id, x.Id);
    }
}
