using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tests.Infrastructure;
using WorkflowStudio.Tools.Memory;
using WorkflowStudio.Tools.Vectors;

namespace WorkflowStudio.Tests.Tools.Vectors;

/// <summary>The vector tools on the real local model, over SQLite and PostgreSQL studio databases.</summary>
[Collection(PostgresCollection.Name)]
public sealed class VectorStoreTests
{
    private const string MiniLm = "local/all-MiniLM-L6-v2";
    private readonly PostgresServer _server;

    public VectorStoreTests(PostgresServer server) => _server = server;

    private async Task<ToolHost> HostAsync(string storage)
    {
        if (storage == "sqlite")
        {
            return ToolHost.Create();
        }
        var connectionString = await _server.CreateDatabaseAsync("vectors");
        return ToolHost.Create(configure: services =>
            services.AddSingleton<IDatabase>(sp => new PostgresDatabase(connectionString, sp.GetRequiredService<TimeProvider>())));
    }

    private static async Task<IDatabase> DatabaseAsync(ToolHost host) =>
        await host.Services.GetRequiredService<ToolDataStore>().GetAsync(CancellationToken.None);

    private static async Task<List<(string Id, string Model, long Dimensions)>> RowsAsync(ToolHost host, string collection, string tenant = "default")
    {
        var database = await DatabaseAsync(host);
        return await database.ReadAsync(async c => (await c.QueryAsync<(string, string, long)>(
            "SELECT id, model, dimensions FROM tool_vectors WHERE tenant = @tenant AND collection = @collection ORDER BY id", new { tenant, collection })).ToList());
    }

    /// <summary>Rows as a version before the local model stored them: the lexical scheme's vector and id.</summary>
    private static async Task InsertLegacyAsync(ToolHost host, string collection, params (string Id, string Text)[] items)
    {
        var database = await DatabaseAsync(host);
        await database.WriteAsync(async (connection, transaction) =>
        {
            foreach (var (id, text) in items)
            {
                var vector = TextEmbedder.Lexical(text);
                await connection.ExecuteAsync(
                    "INSERT INTO tool_vectors (tenant, collection, id, text, metadata, embedding, dimensions, model, updated_at) " +
                    "VALUES ('default', @collection, @id, @text, '{}', @embedding, @dimensions, @model, 0)",
                    new
                    {
                        collection, id, text, dimensions = vector.Length, model = TextEmbedder.LexicalModel,
                        embedding = System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()).ToArray(),
                    }, transaction);
            }
            return true;
        });
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task VectorSearch_Paraphrase_FindsTheDocumentAndStoresTheModelIdPerVector(string storage)
    {
        await using var host = await HostAsync(storage);
        var upserted = await host.OkAsync("vector_upsert", new
        {
            collection = "kb",
            items = new object[]
            {
                new { id = "refunds", text = "How to refund a duplicate charge on a customer's invoice", metadata = new { team = "billing" } },
                new { id = "password", text = "Resetting a forgotten password from the sign-in page" },
                new { id = "export", text = "Exporting invoices as CSV files from the billing page" },
            },
        });

        var found = await host.OkAsync("vector_search", new { collection = "kb", query = "I can't remember my login credentials", topK = 2 });

        Assert.Equal(384, upserted.GetProperty("dimensions").GetInt32());
        Assert.Equal(MiniLm, found.GetProperty("model").GetString());
        Assert.Equal("password", found.GetProperty("results")[0].GetProperty("id").GetString());
        Assert.Equal(2, found.GetProperty("results").GetArrayLength());
        Assert.All(await RowsAsync(host, "kb"), r => Assert.Equal((MiniLm, 384L), (r.Model, r.Dimensions)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task VectorSearch_RowsOfTheLexicalScheme_AreReembeddedFromTheirTextOnFirstUse(string storage)
    {
        await using var host = await HostAsync(storage);
        await InsertLegacyAsync(host, "legacy",
            ("refunds", "How to refund a duplicate charge on a customer's invoice"),
            ("password", "Resetting a forgotten password from the sign-in page"),
            ("export", "Exporting invoices as CSV files from the billing page"));

        var first = await host.OkAsync("vector_search", new { collection = "legacy", query = "I can't remember my login credentials", topK = 1 });
        var second = await host.OkAsync("vector_search", new { collection = "legacy", query = "download my bills into a spreadsheet", topK = 1 });

        Assert.Equal(3, first.GetProperty("reembedded").GetInt32());
        Assert.Equal("password", first.GetProperty("results")[0].GetProperty("id").GetString());
        Assert.Equal(0, second.GetProperty("reembedded").GetInt32());
        Assert.Equal("export", second.GetProperty("results")[0].GetProperty("id").GetString());
        Assert.All(await RowsAsync(host, "legacy"), r => Assert.Equal((MiniLm, 384L), (r.Model, r.Dimensions)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task VectorUpsert_IntoACollectionOfTheLexicalScheme_ReembedsItThenAddsTheItems(string storage)
    {
        await using var host = await HostAsync(storage);
        await InsertLegacyAsync(host, "legacy", ("refunds", "How to refund a duplicate charge on a customer's invoice"));

        var upserted = await host.OkAsync("vector_upsert", new { collection = "legacy", items = new[] { new { id = "sso", text = "Fixing single sign-on login loops" } } });

        Assert.Equal(1, upserted.GetProperty("reembedded").GetInt32());
        Assert.Equal([("refunds", MiniLm), ("sso", MiniLm)], (await RowsAsync(host, "legacy")).Select(r => (r.Id, r.Model)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task VectorUpsert_PastTheSizeLimit_FailsSayingWhatToDoAndKeepsNothing(string storage)
    {
        await using var host = await HostAsync(storage);
        var database = await DatabaseAsync(host);
        // a full collection, written as the tool would (the current model's id); the vectors' content does not matter here
        var fill = storage == "sqlite"
            ? "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @limit) " +
              "INSERT INTO tool_vectors (tenant, collection, id, text, metadata, embedding, dimensions, model, updated_at) " +
              "SELECT 'default', 'full', 'r' || i, 'text', '{}', x'0000803f', 1, @model, 0 FROM n"
            : "INSERT INTO tool_vectors (tenant, collection, id, text, metadata, embedding, dimensions, model, updated_at) " +
              "SELECT 'default', 'full', 'r' || i, 'text', '{}', '\\x0000803f'::bytea, 1, @model, 0 FROM generate_series(1, @limit) AS i";
        await database.WriteAsync(async (c, t) => await c.ExecuteAsync(fill, new { limit = VectorStore.MaxPerCollection, model = MiniLm }, t));

        var error = await host.ErrorAsync("vector_upsert", new { collection = "full", items = new[] { new { id = "one-more", text = "one item too many" } } });
        var replaced = await host.OkAsync("vector_upsert", new { collection = "full", items = new[] { new { id = "r1", text = "an existing item, replaced" } } });
        var elsewhere = await host.OkAsync("vector_upsert", new { collection = "other", items = new[] { new { id = "one-more", text = "one item too many" } } });

        Assert.Contains("collection 'full' would hold 100,001 items, more than the 100,000 a collection may hold", error, StringComparison.Ordinal);
        Assert.Contains("put further items in another collection", error, StringComparison.Ordinal);
        Assert.Equal(1, replaced.GetProperty("upserted").GetInt32());
        Assert.Equal(1, elsewhere.GetProperty("upserted").GetInt32());
        var count = await database.ReadAsync(async c => await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tool_vectors WHERE collection = 'full'"));
        Assert.Equal(VectorStore.MaxPerCollection, count);
    }

    [Fact]
    public async Task VectorUpsert_RemoteModelConfiguredForTheTools_StoresItsVectorsUnderItsId()
    {
        await using var server = await Understanding.FakeEmbeddingServer.StartAsync();
        await using var host = ToolHost.Create(
        [
            new("Embeddings:Provider", "openai"), new("Embeddings:Model", "text-embedding-test"),
            new("Embeddings:Endpoint", server.Endpoint), new("Embeddings:ApiKey", "k"),
        ]);

        var upserted = await host.OkAsync("vector_upsert", new { collection = "kb", items = new[] { new { id = "a", text = "abc" } } });

        Assert.Equal("openai/text-embedding-test", upserted.GetProperty("model").GetString());
        Assert.Equal(3, upserted.GetProperty("dimensions").GetInt32());
        Assert.Equal(("openai/text-embedding-test", 3L), (await RowsAsync(host, "kb")).Select(r => (r.Model, r.Dimensions)).Single());
    }

    [Fact]
    public async Task VectorSearch_TopKAndMinScore_KeepTheBestInOrder()
    {
        await using var host = ToolHost.Create();
        await host.OkAsync("vector_upsert", new
        {
            collection = "kb",
            items = Enumerable.Range(0, 40).Select(i => new { id = $"n{i:D2}", text = $"note {i} about the weekly sales report" })
                .Append(new { id = "target", text = "Overdue invoice reminders for customers who have not paid" }).ToArray(),
        });

        var found = await host.OkAsync("vector_search", new { collection = "kb", query = "chase clients with unpaid bills", topK = 3 });
        var strict = await host.OkAsync("vector_search", new { collection = "kb", query = "chase clients with unpaid bills", topK = 50, minScore = 0.99 });

        var scores = found.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("score").GetDouble()).ToArray();
        Assert.Equal("target", found.GetProperty("results")[0].GetProperty("id").GetString());
        Assert.Equal(3, scores.Length);
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Equal(0, strict.GetProperty("results").GetArrayLength());
    }
}
