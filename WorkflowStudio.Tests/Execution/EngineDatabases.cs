using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tests.Infrastructure;
using WorkflowStudio.Engine.Execution.Dispatch;

namespace WorkflowStudio.Tests.Execution;

/// <summary>
/// One database, of either dialect, shared by the engines a test starts on it (a restarted process, a second worker):
/// a SQLite data folder or a PostgreSQL database on the test cluster. The folder is removed on dispose.
/// </summary>
internal sealed class EngineDatabases(PostgresServer server) : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "wfs-tests", Guid.NewGuid().ToString("N"));
    private string? _postgres;

    /// <summary>Engine configuration on this test's database plus <paramref name="settings"/> (name, value pairs).</summary>
    public async Task<Dictionary<string, string?>> ConfigurationAsync(string dialect, params (string Name, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?>();
        if (dialect == "postgres")
        {
            configuration["Studio:Storage"] = "postgres";
            configuration["ConnectionStrings:Studio"] = _postgres ??= await server.CreateDatabaseAsync("engine");
        }
        else
        {
            configuration["Studio:DataDir"] = _dir;
        }
        foreach (var (name, value) in settings)
        {
            configuration[name] = value;
        }
        return configuration;
    }

    /// <summary>
    /// What the recovery sweep does to a node whose lease it found expired, done now: re-queue it and dispatch it again
    /// (the same statement as the sweep's, without waiting for the lease to run out).
    /// </summary>
    public static async Task TakeOverAsync(EngineFixture engine, string runId, string nodeId)
    {
        var database = engine.Services.GetRequiredService<IDatabase>();
        var changed = await database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "UPDATE node_runs SET status = 'queued', queued_at = 0, lease_owner = NULL, lease_until = NULL " +
            "WHERE run_id = @runId AND node_id = @nodeId AND status = 'running'", new { runId, nodeId }, transaction));
        Assert.Equal(1, changed);
        engine.Services.GetRequiredService<INodeDispatcher>().Dispatch(runId, [nodeId]);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
        return ValueTask.CompletedTask;
    }
}
