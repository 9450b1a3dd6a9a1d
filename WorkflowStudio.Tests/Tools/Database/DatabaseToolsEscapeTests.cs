using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Tests.Tools.Database;

/// <summary>
/// A tenant's SQL through <c>db_query</c>/<c>db_execute</c> on SQLite reaches only that tenant's own database file: the
/// attacks of issue 14 (ATTACH of the studio database, the <c>[x']</c> quote trick, ATTACH or VACUUM INTO creating files,
/// unsafe pragmas and functions) fail inside the SQLite engine, with nothing changed.
/// </summary>
public sealed class DatabaseToolsEscapeTests
{
    private const string Globex = "globex";

    /// <summary>A host whose studio database holds the tenant <c>globex</c> and its editor key <c>k-globex</c>.</summary>
    private static async Task<(ToolHost Host, string StudioDb)> HostWithStudioDatabaseAsync(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var host = ToolHost.Create(settings);
        var database = host.Services.GetRequiredService<SqliteDatabase>();
        await DatabaseMigrator.MigrateAsync(database);
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO tenants (id, name, tier, created_at) VALUES ('globex', 'Globex', 'free', 0) ON CONFLICT (id) DO NOTHING;" +
            "INSERT INTO api_keys (id, tenant_id, name, prefix, hash, role, created_at) VALUES ('k-globex', 'globex', 'ci', 'wfs_k', 'hash-globex', 'editor', 0);");
        return (host, database.Path);
    }

    private static async Task<(string Tenant, string Role)> KeyAsync(ToolHost host)
    {
        await using var connection = await host.Services.GetRequiredService<SqliteDatabase>().OpenAsync();
        return await connection.QuerySingleAsync<(string, string)>("SELECT tenant_id, role FROM api_keys WHERE id = 'k-globex'");
    }

    [Fact]
    public async Task DbExecute_AttachStudioDatabaseAndRewriteApiKeys_IsRefusedWithNothingChanged()
    {
        var (host, studioDb) = await HostWithStudioDatabaseAsync();
        await using var _ = host;

        var error = await host.ErrorAsync("db_execute", new
        {
            sql = $"ATTACH '{studioDb}' AS studio; UPDATE studio.api_keys SET tenant_id = 'default', role = 'admin' WHERE id = 'k-globex'",
        }, tenant: Globex);

        Assert.Contains("ATTACH is not allowed: each tenant's SQL runs only against its own database", error, StringComparison.Ordinal);
        Assert.Equal(("globex", "editor"), await KeyAsync(host));
    }

    [Fact]
    public async Task DbQuery_AttachBehindAQuoteInBrackets_IsRefusedAndReadsNothing()
    {
        var (host, studioDb) = await HostWithStudioDatabaseAsync();
        await using var _ = host;

        var error = await host.ErrorAsync("db_query", new { sql = $"ATTACH '{studioDb}' AS [x'] ; SELECT id, role, hash FROM [x'].api_keys --'" }, tenant: Globex);

        Assert.DoesNotContain("hash-globex", error, StringComparison.Ordinal);
        Assert.True(
            error.Contains("several statements", StringComparison.Ordinal) || error.Contains("ATTACH is not allowed", StringComparison.Ordinal),
            error);
    }

    [Fact]
    public async Task DbQuery_AttachAlone_IsRefusedByTheEngine()
    {
        var (host, studioDb) = await HostWithStudioDatabaseAsync();
        await using var _ = host;

        var error = await host.ErrorAsync("db_query", new { sql = $"ATTACH '{studioDb}' AS studio" }, tenant: Globex);

        Assert.Contains("ATTACH is not allowed: each tenant's SQL runs only against its own database", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ATTACH '{0}' AS created; CREATE TABLE created.t (x INTEGER)", "ATTACH is not allowed")]
    [InlineData("COMMIT; ATTACH '{0}' AS created; CREATE TABLE created.t (x INTEGER)", "ATTACH is not allowed")]
    [InlineData("VACUUM INTO '{0}'", "cannot VACUUM from within a transaction")]
    [InlineData("COMMIT; VACUUM INTO '{0}'", "ATTACH is not allowed")]
    public async Task DbExecute_StatementThatWouldCreateAFile_IsRefusedAndCreatesNothing(string template, string expected)
    {
        await using var host = ToolHost.Create();
        var target = Path.Combine(Path.GetTempPath(), "wfs-escape", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        var error = await host.ErrorAsync("db_execute", new { sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, target) }, tenant: Globex);

        Assert.True(error.Contains(expected, StringComparison.Ordinal), error);
        Assert.False(File.Exists(target), $"{target} was created");
    }

    [Theory]
    [InlineData("PRAGMA trusted_schema = ON", "PRAGMA trusted_schema is not allowed")]
    [InlineData("PRAGMA writable_schema = ON", "PRAGMA writable_schema is not allowed")]
    [InlineData("PRAGMA query_only = OFF", "PRAGMA query_only is not allowed")]
    [InlineData("SELECT load_extension('/tmp/nothing.so')", "the function load_extension is not allowed")]
    public async Task DbExecute_UnsafePragmaOrFunction_IsRefused(string sql, string expected)
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("db_execute", new { sql }, tenant: Globex);

        Assert.True(error.Contains(expected, StringComparison.Ordinal), error);
    }

    [Fact]
    public async Task DbQuery_IntrospectionPragmas_StillWork()
    {
        await using var host = ToolHost.Create();

        var columns = await host.OkAsync("db_query", new { sql = "SELECT name FROM pragma_table_info('refunds') ORDER BY cid" }, tenant: Globex);
        var check = await host.OkAsync("db_query", new { sql = "PRAGMA integrity_check" }, tenant: Globex);

        Assert.Equal("id", columns.GetProperty("rows")[0].GetProperty("name").GetString());
        Assert.Equal("ok", check.GetProperty("rows")[0].EnumerateObject().Single().Value.GetString());
    }

    [Fact]
    public async Task DbQuery_ConfiguredSourceThatIsTheStudioDatabase_IsRefused()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "wfs-tools", Guid.NewGuid().ToString("N"));
        var (host, _) = await HostWithStudioDatabaseAsync([
            new("Studio:DataDir", dataDir),
            new("Tools:Database:Sources:studio", $"Data Source={Path.Combine(dataDir, "studio.db")}"),
            new("Tools:Database:Tenants:studio", "*"),
        ]);
        string error, asDefault;
        await using (host)
        {
            error = await host.ErrorAsync("db_query", new { source = "studio", sql = "SELECT hash FROM api_keys" }, tenant: Globex);
            asDefault = await host.ErrorAsync("db_execute", new { source = "studio", sql = "UPDATE api_keys SET role = 'admin'" });
            Assert.Equal(("globex", "editor"), await KeyAsync(host));
        }

        Assert.Contains("data source 'studio' is the studio's own database", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hash-globex", error, StringComparison.Ordinal);
        Assert.Contains("data source 'studio' is the studio's own database", asDefault, StringComparison.Ordinal);
        Directory.Delete(dataDir, recursive: true);
    }
}
