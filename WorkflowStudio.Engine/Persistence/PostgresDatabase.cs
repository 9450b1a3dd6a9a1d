using System.Data.Common;
using Dapper;
using Npgsql;

namespace WorkflowStudio.Engine.Persistence;

/// <summary>The production database: PostgreSQL through Npgsql's pooled data source; transient failures are retried.</summary>
internal sealed class PostgresDatabase : IDatabase, IAsyncDisposable
{
    public const string EventChannel = "wfs_run_events";
    private const int MaxWriteAttempts = 6;
    private const int MaxReadAttempts = 4;
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    public PostgresDatabase(string connectionString, TimeProvider time)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        MaxPoolSize = builder.MaxPoolSize;
        Description = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        ConnectionString = builder.ConnectionString;
        _time = time;
    }

    public string Dialect => "postgres";

    public string Description { get; }

    /// <summary>For Hangfire.PostgreSql and the LISTEN connection (same server, same credentials).</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Connections one process may hold at once: its two pools (the journal's and the job queue's, each up to the
    /// connection string's <c>Maximum Pool Size</c>) and its one LISTEN connection.
    /// </summary>
    public int ProcessConnectionLimit => 2 * MaxPoolSize + 1;

    /// <summary>The connection string's <c>Maximum Pool Size</c> (Npgsql's default 100).</summary>
    public int MaxPoolSize { get; }

    /// <summary>The server's <c>max_connections</c>, the connections it reserves for superusers, and the connections open now.</summary>
    public async ValueTask<(int Max, int Reserved, int Open)> ConnectionBudgetAsync(CancellationToken cancellationToken = default) =>
        await ReadAsync(async connection => await connection.QuerySingleAsync<(int, int, int)>(new CommandDefinition(
            "SELECT current_setting('max_connections')::int, current_setting('superuser_reserved_connections')::int, " +
            "(SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend')", cancellationToken: cancellationToken)), cancellationToken);

    public string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public async ValueTask<T> WriteAsync<T>(Func<DbConnection, DbTransaction, ValueTask<T>> work, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception exception) when (attempt < MaxWriteAttempts && DatabaseErrors.IsTransient(exception))
            {
                // The server restarted or a connection broke: the transaction rolled back, so it is safe to run again.
                await PauseAfterAsync(exception, attempt, cancellationToken);
            }
        }
    }

    public async ValueTask<T> ReadAsync<T>(Func<DbConnection, ValueTask<T>> read, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                return await read(connection);
            }
            catch (Exception exception) when (attempt < MaxReadAttempts && DatabaseErrors.IsTransient(exception))
            {
                await PauseAfterAsync(exception, attempt, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Before a retry: when the server went away, every idle connection of the pool is dead too (Npgsql does not check a
    /// pooled connection before handing it out), so the pool is emptied and the retry opens a fresh one; then a backoff.
    /// </summary>
    private async Task PauseAfterAsync(Exception exception, int attempt, CancellationToken cancellationToken)
    {
        if (DatabaseErrors.BrokeConnection(exception))
        {
            _dataSource.Clear();
        }
        await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt - 1)), _time, cancellationToken);
    }

    public async ValueTask LockRunAsync(DbConnection connection, DbTransaction transaction, string runId) =>
        await connection.ExecuteAsync("SELECT 1 FROM runs WHERE id = @runId FOR UPDATE", new { runId }, transaction);

    public async ValueTask NotifyEventAsync(DbConnection connection, DbTransaction transaction, long seq) =>
        await connection.ExecuteAsync($"SELECT pg_notify('{EventChannel}', @payload)", new { payload = seq.ToString(System.Globalization.CultureInfo.InvariantCulture) }, transaction);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
