using System.Data.Common;

namespace WorkflowStudio.Engine.Persistence;

/// <summary>The database behind the stores: SQLite (embedded) or PostgreSQL (production). Same SQL where the dialects agree.</summary>
internal interface IDatabase
{
    /// <summary><c>sqlite</c> or <c>postgres</c>: the migrations folder and the few statements that differ.</summary>
    string Dialect { get; }

    /// <summary>Where it is, without secrets (a file path, or host/port/database).</summary>
    string Description { get; }

    /// <summary>A membership test of <paramref name="column"/> in the list parameter <paramref name="parameter"/> (SQLite: IN list; PostgreSQL: = ANY(array)).</summary>
    string InList(string column, string parameter);

    ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="read"/> on a connection of its own, retrying it a few times with backoff when the database was
    /// briefly unreachable or busy (<see cref="DatabaseErrors.IsTransient"/>); a read that only reads is safe to repeat.
    /// </summary>
    ValueTask<T> ReadAsync<T>(Func<DbConnection, ValueTask<T>> read, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="work"/> in one transaction, retrying it when the database was briefly unreachable.</summary>
    ValueTask<T> WriteAsync<T>(Func<DbConnection, DbTransaction, ValueTask<T>> work, CancellationToken cancellationToken = default);

    /// <summary>Serialises state changes of one run across processes (PostgreSQL row lock; SQLite has one writer anyway).</summary>
    ValueTask LockRunAsync(DbConnection connection, DbTransaction transaction, string runId);

    /// <summary>Wakes other processes' journal tailers after an event commit (PostgreSQL NOTIFY; nothing for SQLite).</summary>
    ValueTask NotifyEventAsync(DbConnection connection, DbTransaction transaction, long seq);
}
