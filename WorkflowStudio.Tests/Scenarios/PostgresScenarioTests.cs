using Npgsql;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Tests.Infrastructure;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Tests.Tools.Database;
using WorkflowStudio.Tests.Tools.Email;

namespace WorkflowStudio.Tests.Scenarios;

/// <summary>
/// The three scenarios once on PostgreSQL: the studio database (runs, Hangfire, memory, follow-ups) on the test cluster,
/// and the support scenario's billing data in a PostgreSQL data source, so the templates' SQL runs on both databases.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresScenarioTests
{
    private readonly PostgresServer _server;

    public PostgresScenarioTests(PostgresServer server) => _server = server;

    [Fact]
    public async Task Scenarios_OnPostgres_RunEndToEnd_ToolDataInTheStudioDatabase_RefundsInAPostgresSource()
    {
        var studio = await _server.CreateDatabaseAsync("scen");
        var billing = await PostgresToolsTests.DemoDatabaseAsync(_server);
        await using var sink = SmtpSink.Start();
        await using var host = await ScenarioHost.StartAsync([
            .. sink.Settings,
            new("Studio:Storage", "postgres"), new("ConnectionStrings:Studio", studio), new("Tools:Database:Sources:billing", billing)]);

        var sales = host.RunTemplateAsync("sales-intelligence", "period=Q3_2024");
        var content = host.RunTemplateAsync("content-marketing", "campaign=pg-campaign");
        var byPolicy = host.RunTemplateAsync("customer-support-refund", "source=billing", "autoApproveLimit=100");
        var reviewed = await host.RunUntilApprovalAsync(host.Template("customer-support-refund"), "refund_reviewed",
            "source=billing", "customerEmail=aisha.okafor@example.com", "message=We were billed twice in September, please refund one charge.");
        Assert.Equal(RunStatus.AwaitingApproval, (await host.Coordinator.GetResultAsync(reviewed))!.Status);
        Assert.Empty(await RowsAsync(billing, "SELECT invoice_id FROM refunds WHERE customer_id = 'C-1003'"));
        await host.Coordinator.ApproveAsync(reviewed, "refund_reviewed", "dana");

        foreach (var result in await Task.WhenAll(sales, content, byPolicy, host.WaitAsync(reviewed)))
        {
            ScenarioHost.AssertSucceeded(result);
        }
        Assert.Equal(714750, (await sales).Output!.Value.GetProperty("revenue").GetDouble());
        Assert.Equal(["INV-2024-0902|auto-approve policy", "INV-2024-0905|billing team (approved in the run)"],
            await RowsAsync(billing, "SELECT invoice_id || '|' || approved_by FROM refunds ORDER BY invoice_id"));
        Assert.Equal(["pg-campaign"], await RowsAsync(studio, "SELECT key FROM tool_memory WHERE namespace = 'campaigns'"));
        Assert.Equal(["scheduled", "scheduled"], await RowsAsync(studio, "SELECT status FROM tool_followups"));
        Assert.Equal(3, sink.Messages.Count(m => m.To.Mailboxes.Any(b => b.Address is "maria.garcia@example.com" or "aisha.okafor@example.com")));
    }

    private static async Task<List<string>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
