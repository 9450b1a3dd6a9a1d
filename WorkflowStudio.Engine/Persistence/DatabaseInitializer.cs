using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkflowStudio.Engine.Persistence;

/// <summary>
/// Applies pending migrations before anything else starts. On PostgreSQL it also compares the connections this process
/// may open with what the server has left, and warns with the numbers when they do not fit: a full server refuses
/// connections ("53300: too many clients") in the middle of runs, long after start-up.
/// </summary>
internal sealed partial class DatabaseInitializer : IHostedService
{
    private readonly IDatabase _database;
    private readonly ILogger<DatabaseInitializer> _logger;

    public DatabaseInitializer(IDatabase database, ILogger<DatabaseInitializer> logger)
    {
        _database = database;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await DatabaseMigrator.MigrateAsync(_database, cancellationToken);
        LogReady(_database.Description, applied);
        if (_database is PostgresDatabase postgres)
        {
            var (max, reserved, open) = await postgres.ConnectionBudgetAsync(cancellationToken);
            var available = max - reserved - open;
            if (postgres.ProcessConnectionLimit > available)
            {
                LogConnectionsShort(postgres.ProcessConnectionLimit, postgres.MaxPoolSize, max, reserved, open, available,
                    Math.Max(1, (available - 1) / 2));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "This process may open up to {Needed} PostgreSQL connections (two pools of Maximum Pool Size {PoolSize}, plus one LISTEN), " +
        "but the server allows {Max} (max_connections), keeps {Reserved} for superusers and has {Open} open: {Available} are left. " +
        "Under load its runs would fail with '53300: too many clients'. Set 'Maximum Pool Size={Suggested}' (or less) in the connection string " +
        "(ConnectionStrings:Studio), run fewer processes, or raise max_connections (docs/deploy.md, 'Connections and worker threads').")]
    private partial void LogConnectionsShort(int needed, int poolSize, int max, int reserved, int open, int available, int suggested);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} ready ({Applied} migrations applied now)")]
    private partial void LogReady(string database, int applied);
}
