using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace WorkflowStudio.Engine.Persistence;

/// <summary>
/// The embedded database: one SQLite file, WAL journal, one writer in this process. Writes queue for that writer, which
/// commits whatever has queued up meanwhile in one transaction (group commit, see <see cref="SqliteWriteBatch"/>).
/// </summary>
/// <remarks>
/// Durability: <c>synchronous = NORMAL</c> in WAL mode, so a commit is not fsynced until the next checkpoint. A power loss
/// (not a process crash) can lose the last transactions; the database stays consistent, and a node whose journaled state
/// was lost is queued or leased in the state before and is dispatched again by the recovery sweep.
/// </remarks>
internal sealed class SqliteDatabase : IDatabase, IAsyncDisposable, IDisposable
{
    private readonly string _connectionString;
    private readonly Channel<SqliteWriteBatch.Request> _queue =
        Channel.CreateUnbounded<SqliteWriteBatch.Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteWriteBatch _writer;
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
        _writer = new SqliteWriteBatch(ct => OpenSqliteAsync(ct));
        new Thread(() =>
        {
            try
            {
                _writer.Run(_queue.Reader);
                _writerStopped.SetResult();
            }
            catch (Exception exception)
            {
                _writerStopped.SetException(exception);
            }
        })
        { IsBackground = true, Name = "sqlite writer" }.Start();
    }

    public string Path { get; }

    public string Dialect => "sqlite";

    public string Description => Path;

    public string InList(string column, string parameter) => $"{column} IN @{parameter}";

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => await OpenSqliteAsync(cancellationToken);

    public async ValueTask<T> ReadAsync<T>(Func<DbConnection, ValueTask<T>> read, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenSqliteAsync(cancellationToken);
                return await read(connection);
            }
            catch (SqliteException exception) when (attempt < MaxReadAttempts && DatabaseErrors.IsTransient(exception))
            {
                // Locked beyond the busy timeout (another process holds the file): try again after a pause.
                await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt - 1)), cancellationToken);
            }
        }
    }

    private const int MaxReadAttempts = 3;

    /// <summary>
    /// Queues <paramref name="work"/> for the writer; it runs in a transaction (BEGIN IMMEDIATE, which orders it against
    /// other processes) possibly shared with other queued work, inside its own savepoint, and the returned task completes
    /// only after that transaction committed.
    /// </summary>
    public ValueTask<T> WriteAsync<T>(Func<DbConnection, DbTransaction, ValueTask<T>> work, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var request = new SqliteWriteBatch.Request<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase), "The database was disposed; no more writes are accepted.");
        }
        return new ValueTask<T>(request.Result);
    }

    public ValueTask LockRunAsync(DbConnection connection, DbTransaction transaction, string runId) => ValueTask.CompletedTask;

    public ValueTask NotifyEventAsync(DbConnection connection, DbTransaction transaction, long seq) => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writerStopped.Task;
        await _writer.DisposeAsync();
    }

    /// <summary>For containers disposed synchronously: the writer finishes what is queued (on its own thread) and closes.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async ValueTask<SqliteConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
