using System.Data.Common;
using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;

namespace WorkflowStudio.Engine.Persistence;

/// <summary>
/// The SQLite writer's group commit: it drains the queue of pending writes into one transaction, each write inside its own
/// savepoint so that a write that throws is rolled back alone and fails alone, while the others commit together. Callers
/// learn their result only after the commit (so nothing is published that could still roll back). One long-lived
/// connection does it, so a write pays neither a pool checkout nor the connection pragmas.
/// </summary>
internal sealed class SqliteWriteBatch : IAsyncDisposable
{
    /// <summary>Most writes per transaction: bounds how long one commit keeps the others waiting.</summary>
    public const int MaxWrites = 256;

    private const string Savepoint = "wfs_write";
    private readonly Func<CancellationToken, ValueTask<SqliteConnection>> _open;
    private readonly List<Request> _batch = new(MaxWrites);
    private SqliteConnection? _connection;

    public SqliteWriteBatch(Func<CancellationToken, ValueTask<SqliteConnection>> open) => _open = open;

    /// <summary>
    /// Commits batches on the calling thread, a dedicated one, until the queue is completed and empty. SQLite's calls are
    /// synchronous underneath, and on the thread pool the writer's every step would queue behind whatever else is there
    /// (a fan-out's hundred node executions), holding up every node's journal write with it.
    /// </summary>
    public void Run(ChannelReader<Request> queue)
    {
        while (queue.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            _batch.Clear();
            while (_batch.Count < MaxWrites && queue.TryRead(out var request))
            {
                if (request.CancellationToken.IsCancellationRequested)
                {
                    request.Cancel();
                }
                else
                {
                    _batch.Add(request);
                }
            }
            if (_batch.Count > 0)
            {
                CommitAsync(_batch).GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>Runs <paramref name="batch"/> in one transaction; the writes that did not throw see their results after the commit.</summary>
    internal async Task CommitAsync(IReadOnlyList<Request> batch)
    {
        var done = new List<Request>(batch.Count);
        try
        {
            _connection ??= await _open(CancellationToken.None);
            await using var transaction = _connection.BeginTransaction(deferred: false);
            if (batch.Count == 1)
            {
                // Nothing to isolate it from: the transaction is its savepoint.
                await batch[0].RunAsync(_connection, transaction);
                done.Add(batch[0]);
            }
            else
            {
                foreach (var request in batch)
                {
                    await _connection.ExecuteAsync($"SAVEPOINT {Savepoint}", transaction: transaction);
                    try
                    {
                        await request.RunAsync(_connection, transaction);
                        await _connection.ExecuteAsync($"RELEASE {Savepoint}", transaction: transaction);
                        done.Add(request);
                    }
                    catch (Exception exception) when (exception is not SqliteException { SqliteErrorCode: 13 or 10 or 11 })
                    {
                        // Undo this write only (SQLITE_FULL, IOERR and CORRUPT fail the whole batch below instead).
                        await _connection.ExecuteAsync($"ROLLBACK TO {Savepoint}; RELEASE {Savepoint}", transaction: transaction);
                        request.Fail(exception);
                    }
                }
            }
            await transaction.CommitAsync();
        }
        catch (Exception exception)
        {
            // The transaction did not commit: every write still waiting fails with why; the next batch opens afresh.
            foreach (var request in batch.Where(r => !r.Finished))
            {
                request.Fail(exception);
            }
            await ResetConnectionAsync();
            return;
        }
        foreach (var request in done)
        {
            request.Complete();
        }
    }

    public ValueTask DisposeAsync() => ResetConnectionAsync();

    private async ValueTask ResetConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    /// <summary>One queued write; its task completes after the commit of the transaction it ran in.</summary>
    internal abstract class Request(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract bool Finished { get; }

        public abstract Task RunAsync(DbConnection connection, DbTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);

        public abstract void Cancel();
    }

    internal sealed class Request<T>(Func<DbConnection, DbTransaction, ValueTask<T>> work, CancellationToken cancellationToken)
        : Request(cancellationToken)
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _value;

        public Task<T> Result => _result.Task;

        public override bool Finished => _result.Task.IsCompleted;

        public override async Task RunAsync(DbConnection connection, DbTransaction transaction) => _value = await work(connection, transaction);

        public override void Complete() => _result.TrySetResult(_value!);

        public override void Fail(Exception exception) => _result.TrySetException(exception);

        public override void Cancel() => _result.TrySetCanceled(CancellationToken);
    }
}
