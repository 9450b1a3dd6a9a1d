using Microsoft.Data.Sqlite;
using Npgsql;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Tests.Persistence;

/// <summary>Which failures a node's preparation retries (and then leaves to the sweep) instead of making them the node's error.</summary>
public sealed class DatabaseErrorsTests
{
    [Theory]
    [InlineData(5, true)]   // SQLITE_BUSY
    [InlineData(6, true)]   // SQLITE_LOCKED
    [InlineData(19, false)] // SQLITE_CONSTRAINT: the statement's fault
    [InlineData(1, false)]  // SQLITE_ERROR (e.g. no such table)
    public void IsTransient_SqliteError_OnlyBusyOrLocked(int code, bool transient) =>
        Assert.Equal(transient, DatabaseErrors.IsTransient(new SqliteException("sqlite failed", code)));

    [Theory]
    [InlineData("57P01", true)]  // admin shutdown (a restart)
    [InlineData("08006", true)]  // connection failure
    [InlineData("40001", true)]  // serialization failure
    [InlineData("23505", false)] // unique violation
    [InlineData("42P01", false)] // undefined table
    public void IsTransient_PostgresError_ByItsState(string sqlState, bool transient) =>
        Assert.Equal(transient, DatabaseErrors.IsTransient(new PostgresException("postgres failed", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void BrokeConnection_ServerShutDownButNotAConstraintViolation_EmptiesThePool()
    {
        Assert.True(DatabaseErrors.BrokeConnection(new PostgresException("terminating connection", "FATAL", "FATAL", "57P01")));
        Assert.True(DatabaseErrors.BrokeConnection(new NpgsqlException("Exception while reading from stream", new IOException("reset"))));
        Assert.False(DatabaseErrors.BrokeConnection(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.False(DatabaseErrors.BrokeConnection(new InvalidOperationException("not a database error")));
    }
}
