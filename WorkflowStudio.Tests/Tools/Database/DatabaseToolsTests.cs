using Microsoft.Data.Sqlite;

namespace WorkflowStudio.Tests.Tools.Database;

public sealed class DatabaseToolsTests
{
    [Fact]
    public async Task DbQuery_DemoSource_AnswersParameterisedRows()
    {
        await using var host = ToolHost.Create();

        var output = await host.OkAsync("db_query", new { sql = "SELECT month, revenue FROM monthly_revenue WHERE quarter = @period ORDER BY month", @params = new { period = "Q3_2024" } });

        Assert.Equal(["month", "revenue"], output.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(3, output.GetProperty("rowCount").GetInt32());
        Assert.Equal(219600, output.GetProperty("rows")[0].GetProperty("revenue").GetDouble());
        Assert.True(File.Exists(Path.Combine(host.DataDir, "demo.db")));
    }

    [Theory]
    [InlineData("INSERT INTO refunds (invoice_id, customer_id, amount, reason, approved_by) VALUES ('INV-2024-0901', 'C-1001', 1, 'x', 'y')")]
    [InlineData("UPDATE customers SET plan = 'Free'")]
    [InlineData("DELETE FROM invoices")]
    public async Task DbQuery_Write_IsRefusedByTheDatabase(string sql)
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("db_query", new { sql });
        var count = await host.OkAsync("db_query", new { sql = "SELECT (SELECT COUNT(*) FROM refunds) AS refunds, (SELECT COUNT(*) FROM invoices) AS invoices, (SELECT COUNT(*) FROM customers WHERE plan = 'Free') AS free" });

        Assert.Contains("db_query is read-only", error, StringComparison.Ordinal);
        Assert.Equal(2, count.GetProperty("rows")[0].GetProperty("refunds").GetInt32());
        Assert.Equal(12, count.GetProperty("rows")[0].GetProperty("invoices").GetInt32());
        Assert.Equal(0, count.GetProperty("rows")[0].GetProperty("free").GetInt32());
    }

    [Fact]
    public async Task DbQuery_SeveralStatements_AreRefused()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("db_query", new { sql = "SELECT 1; PRAGMA query_only = OFF" });
        var ok = await host.OkAsync("db_query", new { sql = "SELECT ';' AS semicolon; -- trailing comment" });

        Assert.Contains("several statements", error, StringComparison.Ordinal);
        Assert.Equal(";", ok.GetProperty("rows")[0].GetProperty("semicolon").GetString());
    }

    [Fact]
    public async Task DbQuery_RequireRowsWithNoMatch_SaysWhichParameters()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("db_query", new { sql = "SELECT * FROM quarters WHERE quarter = @period", @params = new { period = "Q9_2031" }, requireRows = true });

        Assert.Contains("the query returned no rows (params: period=Q9_2031)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbExecute_WritesARowThatDbQueryThenSees()
    {
        await using var host = ToolHost.Create();

        var written = await host.OkAsync("db_execute", new
        {
            sql = "INSERT INTO refunds (invoice_id, customer_id, amount, reason, approved_by) VALUES (@invoice, @customer, @amount, @reason, 'test')",
            @params = new { invoice = "INV-2024-0902", customer = "C-1001", amount = 79, reason = "duplicate" },
        });
        var read = await host.OkAsync("db_query", new { sql = "SELECT invoice_id, amount FROM refunds WHERE approved_by = 'test'" });

        Assert.Equal(1, written.GetProperty("rowsAffected").GetInt32());
        Assert.Equal("INV-2024-0902", Assert.Single(read.GetProperty("rows").EnumerateArray()).GetProperty("invoice_id").GetString());
    }

    [Fact]
    public async Task DbExecute_ConstraintViolation_RollsBackAndExplains()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("db_execute", new { sql = "INSERT INTO refunds (invoice_id, customer_id, amount, reason, approved_by) VALUES ('INV-NONE', 'C-1001', 1, 'x', NULL)" });

        Assert.Contains("the database refused the statement", error, StringComparison.Ordinal);
        Assert.Contains("NOT NULL", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbQuery_ConfiguredSqliteSource_IsUsedByName()
    {
        var file = Path.Combine(Path.GetTempPath(), $"wfs-source-{Guid.NewGuid():N}.db");
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (41), (1);";
            await command.ExecuteNonQueryAsync();
        }
        await using var host = ToolHost.Create([new("Tools:Database:Sources:mine", $"Data Source={file}")]);

        var output = await host.OkAsync("db_query", new { source = "mine", sql = "SELECT SUM(n) AS total FROM t" });
        var unknown = await host.ErrorAsync("db_query", new { source = "nope", sql = "SELECT 1" });

        Assert.Equal(42, output.GetProperty("rows")[0].GetProperty("total").GetInt32());
        Assert.Contains("there is no data source 'nope' for this tenant (available: demo, mine); an operator adds it as Tools:Database:Sources:nope", unknown, StringComparison.Ordinal);
        File.Delete(file);
    }
}
