using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkflowStudio.Engine.Persistence;

/// <summary>Applies pending migrations before anything else starts.</summary>
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
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} ready ({Applied} migrations applied now)")]
    private partial void LogReady(string database, int applied);
}
