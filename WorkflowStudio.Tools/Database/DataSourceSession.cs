using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace WorkflowStudio.Tools.Database;

/// <summary>
/// One tool call's connection to a data source, inside its transaction and, for SQLite, inside its <see cref="SqliteSandbox"/>.
/// Commands run the tenant's SQL as given; what it may reach is decided by the engine (sandbox, role, read-only mode).
/// </summary>
internal sealed class DataSourceSession : IAsyncDisposable
{
    private const string SeveralStatements = "'sql' holds several statements; db_query runs exactly one query.";
    private readonly SqliteSandbox? _sandbox;
    private readonly int _commandTimeoutSeconds;
    private bool _ended;

    public DataSourceSession(DbConnection connection, DbTransaction transaction, SqliteSandbox? sandbox, int commandTimeoutSeconds)
    {
        Connection = connection;
        Transaction = transaction;
        _sandbox = sandbox;
        _commandTimeoutSeconds = commandTimeoutSeconds;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>Runs <paramref name="sql"/> (every statement of it) and returns the rows affected.</summary>
    public async Task<int> ExecuteAsync(string sql, JsonElement? parameters, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        command.CommandTimeout = _commandTimeoutSeconds;
        Bind(command.Parameters, command.CreateParameter, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Runs exactly one statement. PostgreSQL: a batch of one command, which Npgsql refuses to split and the server refuses
    /// to parse as more than one (extended protocol), so no quoting can smuggle a <c>COMMIT</c> out of the read-only
    /// transaction. SQLite: SQLite itself prepares the text and says whether a second statement follows.
    /// </summary>
    public async Task<T> QueryOneAsync<T>(string sql, JsonElement? parameters, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        if (Connection is NpgsqlConnection postgres)
        {
            await using var batch = new NpgsqlBatch(postgres, (NpgsqlTransaction)Transaction) { Timeout = _commandTimeoutSeconds };
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            Bind(command.Parameters, command.CreateParameter, parameters);
            batch.BatchCommands.Add(command);
            NpgsqlDataReader rows;
            try
            {
                rows = await batch.ExecuteReaderAsync(cancellationToken);
            }
            catch (NotSupportedException exception)
            {
                throw new ToolArgumentException(SeveralStatements, exception);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.SyntaxError && exception.MessageText.Contains("multiple commands", StringComparison.Ordinal))
            {
                throw new ToolArgumentException(SeveralStatements, exception);
            }
            await using (rows)
            {
                return await read(rows);
            }
        }
        var sqlite = (SqliteConnection)Connection;
        if (_sandbox!.HasSeveralStatements(sqlite, sql))
        {
            throw new ToolArgumentException(SeveralStatements);
        }
        await using var single = sqlite.CreateCommand();
        single.Transaction = (SqliteTransaction)Transaction;
        single.CommandText = sql;
        single.CommandTimeout = _commandTimeoutSeconds;
        Bind(single.Parameters, single.CreateParameter, parameters);
        await using var reader = await single.ExecuteReaderAsync(cancellationToken);
        return await read(reader);
    }

    /// <summary>What to tell the caller when the database refused: the sandbox's reason when it was the sandbox, else the database's message.</summary>
    public string? Explain(DbException exception) => exception is SqliteException sqlite ? _sandbox?.Explain(sqlite) : null;

    /// <summary>Commits what the SQL did (what followed its own <c>COMMIT</c>, if it ran one, SQLite has committed already).</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        Resume();
        await Transaction.CommitAsync(cancellationToken);
        _ended = true;
    }

    /// <summary>Undoes what the SQL did since the transaction began, or since its own <c>COMMIT</c>.</summary>
    public async Task RollbackAsync()
    {
        Resume();
        await Transaction.RollbackAsync(CancellationToken.None);
        _ended = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ended)
        {
            Resume();
        }
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }

    /// <summary>
    /// SQLite: when the tenant's text ended the transaction itself (<c>COMMIT</c>, <c>END</c>, <c>ROLLBACK</c>), opens an empty
    /// one again, so the transaction object's own commit, rollback or disposal has a transaction to end.
    /// </summary>
    private void Resume()
    {
        if (Connection is SqliteConnection { State: System.Data.ConnectionState.Open } sqlite && raw.sqlite3_get_autocommit(sqlite.Handle) != 0)
        {
            var rc = raw.sqlite3_exec(sqlite.Handle, "BEGIN DEFERRED");
            SqliteException.ThrowExceptionForRC(rc, sqlite.Handle);
        }
    }

    private static void Bind(DbParameterCollection target, Func<DbParameter> create, JsonElement? parameters)
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } values)
        {
            return;
        }
        foreach (var property in values.EnumerateObject())
        {
            var parameter = create();
            parameter.ParameterName = property.Name.StartsWith('@') ? property.Name : "@" + property.Name;
            parameter.Value = property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                ? property.Value.GetRawText()
                : ToolArgs.ToClr(property.Value) ?? DBNull.Value;
            target.Add(parameter);
        }
    }
}
