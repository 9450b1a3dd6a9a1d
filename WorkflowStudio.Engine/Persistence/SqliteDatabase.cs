using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace WorkflowStudio.Engine.Persistence;

/// <summary>The embedded database: one SQLite file, WAL journal, one writer at a time in this process.</summary>
internal sealed class SqliteDatabase : IStudioDatabase
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public string Dialect => "sqlite";

    public string Description => Path;

    public string InList(string column, string parameter) => $"{column} IN @{parameter}";

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Writers in this process queue here instead of spinning on SQLITE_BUSY; BEGIN IMMEDIATE orders them against other processes.</summary>
    public async ValueTask<T> WriteAsync<T>(Func<DbConnection, DbTransaction, ValueTask<T>> work, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = (SqliteConnection)await OpenAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public ValueTask LockRunAsync(DbConnection connection, DbTransaction transaction, string runId) => ValueTask.CompletedTask;

    public ValueTask NotifyEventAsync(DbConnection connection, DbTransaction transaction, long seq) => ValueTask.CompletedTask;
}
