using System.Data;
using System.Globalization;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Npgsql;

namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>
/// Hangfire.PostgreSql's job queue (same <c>jobqueue</c> table, same SKIP LOCKED fetch, same invisibility timeout and
/// <see cref="PostgreSqlFetchedJob"/>), with a different wake-up. Hangfire.PostgreSql's long polling opens a LISTEN per
/// waiting worker thread and wakes all of them for every job (its issue #302), and its listener does not reconnect
/// (#410). Here each enqueue NOTIFYs once on commit; the process's one LISTEN connection turns each notification into
/// one permit, which wakes one waiting worker thread. A per-process timer (and each reconnect of the listener) starts a
/// sweep as the safety net for jobs that came without a notification (requeued ones, expired invisibility timeouts,
/// notifications sent while the listener was reconnecting): it wakes one thread, and each thread that finds a job
/// during a sweep wakes the next, until a fetch finds the queue empty.
/// </summary>
internal sealed class PostgresNodeJobQueue : IPersistentJobQueue, IDisposable
{
    /// <summary>NOTIFY channel of enqueued jobs; the payload is the queue name.</summary>
    public const string Channel = "wfs_node_jobs";

    private readonly PostgreSqlStorage _storage;
    private readonly string _connectionString;
    private readonly PostgresNotificationListener _listener;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pollInterval;
    private readonly int _maxPermits;
    private readonly string _insertSql;
    private readonly string _fetchSql;
    private readonly SemaphoreSlim _permits = new(0, int.MaxValue);
    private readonly Lock _gate = new();
    private ITimer? _poll;
    private volatile bool _sweeping;

    public PostgresNodeJobQueue(
        PostgreSqlStorage storage, PostgreSqlStorageOptions options, string connectionString,
        PostgresNotificationListener listener, TimeProvider time, TimeSpan pollInterval, int workerCount)
    {
        _storage = storage;
        _connectionString = connectionString;
        _listener = listener;
        _time = time;
        _pollInterval = pollInterval;
        _maxPermits = Math.Max(1, workerCount);
        var table = $"\"{options.SchemaName}\".\"jobqueue\"";
        var invisibleSeconds = ((long)options.InvisibilityTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        _insertSql = $"INSERT INTO {table} (jobid, queue) VALUES (@jobId, @queue); SELECT pg_notify('{Channel}', @queue);";
        _fetchSql = $"""
            UPDATE {table} SET fetchedat = NOW()
            WHERE id = (
              SELECT id FROM {table}
              WHERE queue = ANY (@queues) AND (fetchedat IS NULL OR fetchedat < NOW() - INTERVAL '{invisibleSeconds} SECONDS')
              ORDER BY fetchedat NULLS FIRST, queue, jobid
              FOR UPDATE SKIP LOCKED
              LIMIT 1)
            RETURNING id, jobid, queue, fetchedat
            """;
    }

    /// <summary>Runs inside Hangfire's write transaction: the NOTIFY is delivered when (and only if) it commits.</summary>
    public void Enqueue(IDbConnection connection, string queue, string jobId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _insertSql;
        AddParameter(command, "jobId", long.Parse(jobId, CultureInfo.InvariantCulture));
        AddParameter(command, "queue", queue);
        command.ExecuteNonQuery();
    }

    /// <summary>Called by each Hangfire worker thread (synchronously, on its own thread) until it gets a job.</summary>
    public IFetchedJob Dequeue(string[] queues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queues);
        if (queues.Length == 0)
        {
            throw new ArgumentException("Queue array must be non-empty.", nameof(queues));
        }
        StartWaking();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryFetch(queues) is { } job)
            {
                if (_sweeping)
                {
                    Wake(); // there may be more jobs nobody was told about: the next waiting thread looks too
                }
                return job;
            }
            _sweeping = false; // the queue was empty: anything enqueued from now on is announced
            _permits.Wait(cancellationToken);
        }
    }

    private PostgreSqlFetchedJob? TryFetch(string[] queues)
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(_fetchSql, connection);
        command.Parameters.AddWithValue("queues", queues);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        return new PostgreSqlFetchedJob(
            _storage, reader.GetInt64(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture), reader.GetString(2), reader.GetDateTime(3));
    }

    private void StartWaking()
    {
        if (_poll is not null)
        {
            return;
        }
        lock (_gate)
        {
            if (_poll is null)
            {
                _listener.Subscribe(Channel, Wake, Sweep);
                _poll = _time.CreateTimer(_ => Sweep(), null, _pollInterval, _pollInterval);
            }
        }
    }

    private void Sweep()
    {
        _sweeping = true;
        Wake();
    }

    /// <summary>Lets one waiting thread fetch; permits beyond the worker count would only cause empty fetches.</summary>
    private void Wake()
    {
        lock (_gate)
        {
            if (_permits.CurrentCount < _maxPermits)
            {
                _permits.Release();
            }
        }
    }

    private static void AddParameter(IDbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Stops the poll timer; the permits stay usable for worker threads still shutting down.</summary>
    public void Dispose() => _poll?.Dispose();
}
