using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tests.Infrastructure;

namespace WorkflowStudio.Tests.Tools.Database;

/// <summary>
/// The database tools against PostgreSQL on the test cluster: <c>db_query</c>/<c>db_execute</c> on a PostgreSQL data
/// source (the demo tables of examples/scenarios/demo-postgres.sql), and memory and vectors in a PostgreSQL studio database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresToolsTests
{
    private readonly PostgresServer _server;

    public PostgresToolsTests(PostgresServer server) => _server = server;

    /// <summary>A fresh database with the demo tables; returns its connection string.</summary>
    internal static async Task<string> DemoDatabaseAsync(PostgresServer server)
    {
        var connectionString = await server.CreateDatabaseAsync("demo");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(await File.ReadAllTextAsync(Path.Combine(TestServers.RepositoryRoot, "examples", "scenarios", "demo-postgres.sql")), connection);
        await command.ExecuteNonQueryAsync();
        return connectionString;
    }

    [Fact]
    public async Task DbQueryAndDbExecute_PostgresSource_ReadParameterisedRows_WriteInATransaction_RefuseWritesInQueries()
    {
        await using var host = ToolHost.Create([new("Tools:Database:Sources:crm", await DemoDatabaseAsync(_server))]);

        var invoices = await host.OkAsync("db_query", new { source = "crm", sql = "SELECT id, amount FROM invoices WHERE customer_id = @customer AND amount > @min ORDER BY id", @params = new { customer = "C-1003", min = 100 } });
        var refused = await host.ErrorAsync("db_query", new { source = "crm", sql = "INSERT INTO refunds (invoice_id, customer_id, amount, reason, approved_by) VALUES ('INV-2024-0905', 'C-1003', 1, 'x', 'y')" });
        var written = await host.OkAsync("db_execute", new
        {
            source = "crm",
            sql = "INSERT INTO refunds (invoice_id, customer_id, amount, reason, approved_by) VALUES (@invoice, @customer, @amount, @reason, 'test') ON CONFLICT (invoice_id) DO NOTHING",
            @params = new { invoice = "INV-2024-0905", customer = "C-1003", amount = 5100, reason = "duplicate" },
        });
        var again = await host.OkAsync("db_execute", new
        {
            source = "crm",
            sql = "INSERT INTO refunds (invoice_id, customer_id, amount, reason, approved_by) VALUES (@invoice, @customer, @amount, @reason, 'test') ON CONFLICT (invoice_id) DO NOTHING",
            @params = new { invoice = "INV-2024-0905", customer = "C-1003", amount = 5100, reason = "duplicate" },
        });
        var violation = await host.ErrorAsync("db_execute", new { source = "crm", sql = "INSERT INTO refunds (invoice_id, customer_id, amount, reason, approved_by) VALUES ('INV-NONE', 'C-1001', 1, 'x', 'y')" });
        var refunds = await host.OkAsync("db_query", new { source = "crm", sql = "SELECT invoice_id, amount FROM refunds" });

        Assert.Equal(["INV-2024-0904", "INV-2024-0905"], invoices.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Contains("read-only", refused, StringComparison.Ordinal);
        Assert.Equal(1, written.GetProperty("rowsAffected").GetInt32());
        Assert.Equal(0, again.GetProperty("rowsAffected").GetInt32());
        Assert.Contains("the database refused the statement", violation, StringComparison.Ordinal);
        var refund = Assert.Single(refunds.GetProperty("rows").EnumerateArray());
        Assert.Equal(5100, refund.GetProperty("amount").GetDouble());
    }

    [Fact]
    public async Task MemoryAndVectors_PostgresStudioDatabase_StoreSearchAndFind()
    {
        var connectionString = await _server.CreateDatabaseAsync("tooldata");
        await using var host = ToolHost.Create(configure: services =>
            services.AddSingleton<IDatabase>(sp => new PostgresDatabase(connectionString, sp.GetRequiredService<TimeProvider>())));

        await host.OkAsync("memory_put", new { key = "a", value = "Refund approved for a DUPLICATE charge", tags = new[] { "billing" } });
        await host.OkAsync("memory_put", new { key = "b", value = "newsletter sent" });
        var updated = await host.OkAsync("memory_put", new { key = "b", value = "Newsletter sent twice" });
        var got = await host.OkAsync("memory_get", new { key = "b" });
        var found = await host.OkAsync("memory_search", new { query = "duplicate refund", tag = "billing" });
        await host.OkAsync("vector_upsert", new
        {
            collection = "kb",
            items = new object[]
            {
                new { id = "refunds", text = "How to refund a duplicate charge on a customer's invoice" },
                new { id = "sso", text = "Fixing single sign-on login loops for enterprise accounts" },
            },
        });
        var nearest = await host.OkAsync("vector_search", new { collection = "kb", query = "customer charged twice wants a refund", topK = 1 });

        Assert.False(updated.GetProperty("created").GetBoolean());
        Assert.Equal("Newsletter sent twice", got.GetProperty("value").GetString());
        Assert.Equal("a", Assert.Single(found.GetProperty("results").EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal("refunds", nearest.GetProperty("results")[0].GetProperty("id").GetString());
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT (SELECT COUNT(*) FROM tool_memory) + (SELECT COUNT(*) FROM tool_vectors)", connection);
        Assert.Equal(4L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task MemoryVectorsAndFollowups_PostgresStudioDatabase_AreKeptPerTenant()
    {
        var connectionString = await _server.CreateDatabaseAsync("tenantdata");
        var storage = new Hangfire.InMemory.InMemoryStorage();
        await using var host = ToolHost.Create(configure: services => services
            .AddSingleton<IDatabase>(sp => new PostgresDatabase(connectionString, sp.GetRequiredService<TimeProvider>()))
            .AddSingleton<Hangfire.JobStorage>(storage)
            .AddSingleton<Hangfire.IBackgroundJobClient>(new Hangfire.BackgroundJobClient(storage)));
        await host.OkAsync("memory_put", new { key = "deal", value = "acme renewal" }, tenant: "acme");
        await host.OkAsync("vector_upsert", new { collection = "kb", items = new[] { new { id = "d1", text = "acme renewal" } } }, tenant: "acme");
        var scheduled = await host.OkAsync("schedule_followup", new { message = "Call acme", delayHours = 1 }, idempotencyKey: "run:fu", tenant: "acme");
        var id = scheduled.GetProperty("followupId").GetString()!;
        await new WorkflowStudio.Tools.Ai.FollowupJob(host.Services).ExecuteAsync(id, CancellationToken.None);

        Assert.True((await host.OkAsync("memory_get", new { key = "deal" }, tenant: "acme")).GetProperty("found").GetBoolean());
        Assert.False((await host.OkAsync("memory_get", new { key = "deal" }, tenant: "globex")).GetProperty("found").GetBoolean());
        Assert.Equal(0, (await host.OkAsync("memory_search", new { query = "renewal" }, tenant: "globex")).GetProperty("count").GetInt32());
        Assert.Equal("d1", (await host.OkAsync("vector_search", new { collection = "kb", query = "renewal" }, tenant: "acme")).GetProperty("results")[0].GetProperty("id").GetString());
        Assert.Contains("does not exist", await host.ErrorAsync("vector_search", new { collection = "kb", query = "renewal" }, tenant: "globex"), StringComparison.Ordinal);
        Assert.True((await host.OkAsync("memory_get", new { @namespace = "followups", key = id }, tenant: "acme")).GetProperty("found").GetBoolean());
        Assert.False((await host.OkAsync("memory_get", new { @namespace = "followups", key = id }, tenant: "globex")).GetProperty("found").GetBoolean());
    }
}
