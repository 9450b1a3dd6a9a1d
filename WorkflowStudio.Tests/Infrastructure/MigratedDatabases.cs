using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Tests.Infrastructure;

/// <summary>Fresh, migrated studio databases of either dialect for store tests; all removed on dispose.</summary>
internal sealed class MigratedDatabases(PostgresServer server, string prefix) : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "wfs-tests", Guid.NewGuid().ToString("N"));
    private readonly List<IAsyncDisposable> _open = [];

    /// <summary>A new database: <c>postgres</c> on the test cluster, otherwise a SQLite file in a temp folder.</summary>
    public async Task<IDatabase> OpenAsync(string dialect)
    {
        IDatabase database;
        if (dialect == "postgres")
        {
            var postgres = new PostgresDatabase(await server.CreateDatabaseAsync(prefix), TimeProvider.System);
            _open.Add(postgres);
            database = postgres;
        }
        else
        {
            Directory.CreateDirectory(_dir);
            var sqlite = new SqliteDatabase(Path.Combine(_dir, "studio.db"));
            _open.Add(sqlite);
            database = sqlite;
        }
        await DatabaseMigrator.MigrateAsync(database);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _open)
        {
            await database.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
