using Dapper;
using Npgsql;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tests.Infrastructure;

namespace WorkflowStudio.Tests.Tools.Database;

/// <summary>
/// The database tools on PostgreSQL hold against hostile SQL: <c>db_query</c> cannot write however its text is quoted, and a
/// source with <c>Isolation = Schema</c> runs each tenant's SQL as that tenant's own login role, which sees its own schema
/// only: not another tenant's, not the studio's tables, and no <c>SET ROLE</c>/<c>RESET ROLE</c> gets it out.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDatabaseToolsEscapeTests
{
    private const string Acme = "acme";
    private const string Globex = "globex";
    private readonly PostgresServer _server;

    public PostgresDatabaseToolsEscapeTests(PostgresServer server) => _server = server;

    [Theory]
    [InlineData("SELECT $$'$$ AS a; COMMIT; INSERT INTO refunds (invoice_id, customer_id, amount, reason, approved_by) VALUES ('INV-2024-0906', 'C-1003', 1, 'x', 'y'); SELECT $$'$$ AS b")]
    [InlineData("SELECT $q$'$q$ AS a; COMMIT; BEGIN READ WRITE; DELETE FROM invoices; COMMIT; SELECT $q$'$q$ AS b")]
    [InlineData("SELECT E'\\'' AS a; COMMIT; DELETE FROM invoices; SELECT '' AS b")]
    public async Task DbQuery_QuotingThatHidesACommitAndAWrite_WritesNothing(string sql)
    {
        var crm = await PostgresToolsTests.DemoDatabaseAsync(_server);
        await using var host = ToolHost.Create([new("Tools:Database:Sources:crm", crm)]);

        var error = await host.ErrorAsync("db_query", new { source = "crm", sql });

        Assert.Contains("several statements", error, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(crm);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM refunds"));
        Assert.Equal(7L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM invoices"));
    }

    /// <summary>A migrated studio database holding the tenant globex and its editor key; the source <c>tenantdb</c> is the same database, isolated per tenant.</summary>
    private async Task<(ToolHost Host, string Studio)> IsolatedHostAsync()
    {
        var studio = await _server.CreateDatabaseAsync("studio");
        await using (var database = new PostgresDatabase(studio, TimeProvider.System))
        {
            await DatabaseMigrator.MigrateAsync(database);
        }
        await using (var connection = new NpgsqlConnection(studio))
        {
            await connection.ExecuteAsync(
                "INSERT INTO tenants (id, name, tier, created_at) VALUES ('globex', 'Globex', 'free', 0) ON CONFLICT (id) DO NOTHING;" +
                "INSERT INTO api_keys (id, tenant_id, name, prefix, hash, role, created_at) VALUES ('k-globex', 'globex', 'ci', 'wfs_k', 'hash-globex', 'editor', 0);");
        }
        var host = ToolHost.Create([
            new("Studio:Storage", "postgres"),
            new("Studio:ConnectionString", studio),
            new("Tools:Database:Sources:tenantdb", studio),
            new("Tools:Database:Tenants:tenantdb", "*"),
            new("Tools:Database:Isolation:tenantdb", "Schema"),
        ]);
        return (host, studio);
    }

    private static async Task<(string Tenant, string Role)> KeyAsync(string studio)
    {
        await using var connection = new NpgsqlConnection(studio);
        return await connection.QuerySingleAsync<(string, string)>("SELECT tenant_id, role FROM api_keys WHERE id = 'k-globex'");
    }

    [Fact]
    public async Task IsolatedSource_EachTenantSeesOnlyItsOwnSchema()
    {
        var (host, _) = await IsolatedHostAsync();
        await using var _ = host;

        await host.OkAsync("db_execute", new { source = "tenantdb", sql = "CREATE TABLE secrets (v TEXT); INSERT INTO secrets VALUES ('acme-only')" }, tenant: Acme);
        var own = await host.OkAsync("db_query", new { source = "tenantdb", sql = "SELECT v, current_schema() AS s FROM secrets" }, tenant: Acme);
        var unqualified = await host.ErrorAsync("db_query", new { source = "tenantdb", sql = "SELECT v FROM secrets" }, tenant: Globex);
        var qualified = await host.ErrorAsync("db_query", new { source = "tenantdb", sql = "SELECT v FROM tenant_acme.secrets" }, tenant: Globex);
        var write = await host.ErrorAsync("db_execute", new { source = "tenantdb", sql = "DELETE FROM tenant_acme.secrets" }, tenant: Globex);
        await host.OkAsync("db_execute", new { source = "tenantdb", sql = "CREATE TABLE secrets (v TEXT)" }, tenant: Globex);
        var globexOwn = await host.OkAsync("db_query", new { source = "tenantdb", sql = "SELECT COUNT(*) AS n FROM secrets" }, tenant: Globex);

        Assert.Equal("acme-only", own.GetProperty("rows")[0].GetProperty("v").GetString());
        Assert.Equal("tenant_acme", own.GetProperty("rows")[0].GetProperty("s").GetString());
        Assert.Contains("does not exist", unqualified, StringComparison.Ordinal);
        Assert.Contains("permission denied", qualified, StringComparison.Ordinal);
        Assert.Contains("permission denied", write, StringComparison.Ordinal);
        Assert.Equal(0, globexOwn.GetProperty("rows")[0].GetProperty("n").GetInt32());
        var still = await host.OkAsync("db_query", new { source = "tenantdb", sql = "SELECT COUNT(*) AS n FROM secrets" }, tenant: Acme);
        Assert.Equal(1, still.GetProperty("rows")[0].GetProperty("n").GetInt32());
    }

    [Theory]
    [InlineData("UPDATE public.api_keys SET tenant_id = 'default', role = 'admin' WHERE id = 'k-globex'")]
    [InlineData("RESET ROLE; UPDATE public.api_keys SET tenant_id = 'default', role = 'admin' WHERE id = 'k-globex'")]
    [InlineData("SET ROLE postgres; UPDATE public.api_keys SET tenant_id = 'default', role = 'admin' WHERE id = 'k-globex'")]
    [InlineData("SET SESSION AUTHORIZATION postgres; UPDATE public.api_keys SET tenant_id = 'default', role = 'admin' WHERE id = 'k-globex'")]
    [InlineData("DISCARD ALL; UPDATE public.api_keys SET tenant_id = 'default', role = 'admin' WHERE id = 'k-globex'")]
    [InlineData("SELECT set_config('role', 'postgres', false); UPDATE public.api_keys SET tenant_id = 'default', role = 'admin' WHERE id = 'k-globex'")]
    [InlineData("SET search_path = public; UPDATE api_keys SET tenant_id = 'default', role = 'admin' WHERE id = 'k-globex'")]
    public async Task IsolatedSource_DbExecuteOnTheStudioTables_IsRefusedWithNothingChanged(string sql)
    {
        var (host, studio) = await IsolatedHostAsync();
        await using var _ = host;

        var error = await host.ErrorAsync("db_execute", new { source = "tenantdb", sql }, tenant: Globex);

        Assert.Contains("the database refused the statement", error, StringComparison.Ordinal);
        Assert.Equal(("globex", "editor"), await KeyAsync(studio));
    }

    [Theory]
    [InlineData("SELECT id, hash, role FROM public.api_keys")]
    [InlineData("SELECT id FROM public.runs")]
    [InlineData("SELECT id FROM public.tenants")]
    [InlineData("SELECT owner_password FROM workflowstudio_tools.tenant_logins")]
    [InlineData("SELECT query_to_xml('SELECT hash FROM public.api_keys', true, false, '')")]
    public async Task IsolatedSource_DbQueryOfTheStudioTables_IsRefused(string sql)
    {
        var (host, _) = await IsolatedHostAsync();
        await using var _ = host;

        var error = await host.ErrorAsync("db_query", new { source = "tenantdb", sql }, tenant: Globex);

        Assert.Contains("permission denied", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hash-globex", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsolatedSource_DbQueryCannotWriteTheTenantsOwnTables()
    {
        var (host, _) = await IsolatedHostAsync();
        await using var _ = host;
        await host.OkAsync("db_execute", new { source = "tenantdb", sql = "CREATE TABLE t (n INT); INSERT INTO t VALUES (1)" }, tenant: Globex);

        var direct = await host.ErrorAsync("db_query", new { source = "tenantdb", sql = "DELETE FROM t" }, tenant: Globex);
        var cte = await host.ErrorAsync("db_query", new { source = "tenantdb", sql = "WITH d AS (DELETE FROM t RETURNING n) SELECT n FROM d" }, tenant: Globex);
        var count = await host.OkAsync("db_query", new { source = "tenantdb", sql = "SELECT COUNT(*) AS n FROM t" }, tenant: Globex);

        Assert.Contains("db_query is read-only", direct, StringComparison.Ordinal);
        Assert.Contains("db_query is read-only", cte, StringComparison.Ordinal);
        Assert.Equal(1, count.GetProperty("rows")[0].GetProperty("n").GetInt32());
    }

    [Theory]
    [InlineData("GRANT CREATE ON SCHEMA public TO PUBLIC", "CREATE on schema public")]
    [InlineData("GRANT SELECT ON api_keys TO PUBLIC", "table public.api_keys")]
    public async Task IsolatedSource_DatabaseThatGrantsToPublic_IsRefusedBeforeAnyTenantSqlRuns(string grant, string expected)
    {
        var (host, studio) = await IsolatedHostAsync();
        await using var _ = host;
        await using (var connection = new NpgsqlConnection(studio))
        {
            await connection.ExecuteAsync(grant);
        }

        var error = await host.ErrorAsync("db_execute", new { source = "tenantdb", sql = "UPDATE public.api_keys SET role = 'admin'" }, tenant: Globex);

        Assert.Contains("would not keep tenant 'globex' inside its own schema", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(("globex", "editor"), await KeyAsync(studio));
        await using var check = new NpgsqlConnection(studio);
        Assert.Equal(0L, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pg_namespace WHERE nspname = 'tenant_globex'"));
    }

    [Fact]
    public async Task SharedSourceThatIsTheStudioDatabase_IsRefused()
    {
        var (isolated, studio) = await IsolatedHostAsync();
        await isolated.DisposeAsync();
        await using var host = ToolHost.Create([
            new("Studio:Storage", "postgres"),
            new("Studio:ConnectionString", studio),
            new("Tools:Database:Sources:studio", studio),
        ]);

        var error = await host.ErrorAsync("db_execute", new { source = "studio", sql = "UPDATE api_keys SET role = 'admin'" });

        Assert.Contains("data source 'studio' is the studio's own database", error, StringComparison.Ordinal);
        Assert.Equal(("globex", "editor"), await KeyAsync(studio));
    }
}
