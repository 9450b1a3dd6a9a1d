using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Tests.Persistence;

/// <summary>The SQLite writer's group commit: writes queued together share one transaction, and a failing one fails alone.</summary>
public sealed class SqliteWriteBatchTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "wfs-tests", Guid.NewGuid().ToString("N"));
    private SqliteDatabase _database = null!;

    [Fact]
    public async Task CommitAsync_OneWriteThrows_OthersCommitAndItsRowsRollBack()
    {
        await using var writer = new SqliteWriteBatch(async ct => (SqliteConnection)await _database.OpenAsync(ct));
        var first = Insert(1);
        var failing = new SqliteWriteBatch.Request<int>(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("INSERT INTO t (n) VALUES (2)", transaction: transaction);
            throw new InvalidOperationException("guard failed");
        }, CancellationToken.None);
        var third = Insert(3);

        await writer.CommitAsync([first, failing, third]);

        Assert.Equal((1, 3), (await first.Result, await third.Result));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.Result);
        Assert.Equal("guard failed", error.Message);
        Assert.Equal([1L, 3L], await RowsAsync());
    }

    [Fact]
    public async Task CommitAsync_BeforeTheCommit_NoResultIsVisible()
    {
        await using var writer = new SqliteWriteBatch(async ct => (SqliteConnection)await _database.OpenAsync(ct));
        var first = Insert(1);
        var resultSeenInsideTheBatch = true;
        var second = new SqliteWriteBatch.Request<int>(async (connection, transaction) =>
        {
            resultSeenInsideTheBatch = first.Result.IsCompleted;
            await connection.ExecuteAsync("INSERT INTO t (n) VALUES (2)", transaction: transaction);
            return 2;
        }, CancellationToken.None);

        await writer.CommitAsync([first, second]);

        Assert.False(resultSeenInsideTheBatch);
        Assert.Equal(2, await second.Result);
    }

    [Fact]
    public async Task WriteAsync_ManyAtOnce_AllCommitInOrderOfTheirResults()
    {
        var writes = Enumerable.Range(1, 200).Select(n => _database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("INSERT INTO t (n) VALUES (@n)", new { n }, transaction);
            return n;
        }).AsTask()).ToArray();

        Assert.Equal(Enumerable.Range(1, 200), await Task.WhenAll(writes));
        Assert.Equal(Enumerable.Range(1, 200).Select(n => (long)n), await RowsAsync());
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _database = new SqliteDatabase(Path.Combine(_dir, "batch.db"));
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; CREATE TABLE t (n INTEGER NOT NULL)");
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static SqliteWriteBatch.Request<int> Insert(int n) => new(async (DbConnection connection, DbTransaction transaction) =>
    {
        await connection.ExecuteAsync("INSERT INTO t (n) VALUES (@n)", new { n }, transaction);
        return n;
    }, CancellationToken.None);

    private async Task<IReadOnlyList<long>> RowsAsync()
    {
        await using var connection = await _database.OpenAsync();
        return (await connection.QueryAsync<long>("SELECT n FROM t ORDER BY rowid")).AsList();
    }
}
