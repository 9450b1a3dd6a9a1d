using Microsoft.Data.Sqlite;
using Npgsql;

namespace WorkflowStudio.Engine.Persistence;

/// <summary>Which database failures are passing (worth retrying) rather than a fault of the statement or the data.</summary>
internal static class DatabaseErrors
{
    /// <summary>SQLITE_BUSY and SQLITE_LOCKED: another connection holds the lock for longer than the busy timeout.</summary>
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>
    /// A lost or refused connection, a server shutting down or restarting, a serialization failure or deadlock
    /// (PostgreSQL), a busy or locked database file (SQLite).
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } => true,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "08000" or "08003" or "08006" or "40001" or "40P01" } => true,
        NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException } => true,
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => true,
        _ => false,
    };

    /// <summary>A failure after which the connections pooled with this one are likely dead too (the server went away).</summary>
    public static bool BrokeConnection(Exception exception) => exception switch
    {
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "08000" or "08003" or "08006" } => true,
        PostgresException => false,
        NpgsqlException => true,
        _ => false,
    };
}
