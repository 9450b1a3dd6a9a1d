using System.Data.Common;
using Dapper;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Runs.Store;

/// <summary>Leases and attempts: taking a node, renewing its lease, journaling each tool call with its event.</summary>
internal sealed partial class RunStore
{
    public ValueTask<NodeStart?> TryStartNodeAsync(string runId, string nodeId, string owner, long at, long leaseUntil, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            var attempts = await connection.QuerySingleOrDefaultAsync<int?>(
                "UPDATE node_runs SET status = @running, started_at = COALESCE(started_at, @at), lease_owner = @owner, lease_until = @leaseUntil " +
                "WHERE run_id = @runId AND node_id = @nodeId AND status = @queued RETURNING attempts",
                new { runId, nodeId, owner, at, leaseUntil, running = NodeStatus.Running, queued = NodeStatus.Queued }, transaction);
            if (attempts is null)
            {
                return null;
            }
            var revision = await connection.ExecuteScalarAsync<int>("SELECT revision FROM runs WHERE id = @runId", new { runId }, transaction);
            return new NodeStart(attempts.Value, revision);
        }, cancellationToken);

    public ValueTask<NodeStartResult> StartAttemptAsync(
        NodeAttemptRecord attempt, string owner, TimeSpan lease, int revision, JournalEntry started, CancellationToken cancellationToken = default) =>
        _database.WriteAsync((connection, transaction) => _database.Dialect == "postgres"
            ? StartAttemptInOneStatementAsync(connection, transaction, attempt, owner, lease, revision, started)
            : StartAttemptAsync(connection, transaction, attempt, owner, lease, revision, started), cancellationToken);

    private async ValueTask<NodeStartResult> StartAttemptAsync(
        DbConnection connection, DbTransaction transaction, NodeAttemptRecord attempt, string owner, TimeSpan lease, int revision, JournalEntry started)
    {
        // Guarded four ways: still queued (exactly one worker takes it), the attempt count the caller numbered from, the
        // graph revision the caller bound the node's arguments against, and a run nobody asked to cancel. The attempt's
        // number becomes the lease's fencing token (lease_epoch).
        var taken = await connection.ExecuteAsync(
            "UPDATE node_runs SET status = @running, started_at = COALESCE(started_at, @StartedAt), lease_owner = @owner, " +
            $"lease_until = {LeaseUntilSql}, lease_epoch = @Attempt, attempts = @Attempt " +
            "WHERE run_id = @RunId AND node_id = @NodeId AND status = @queued AND attempts = @previous " +
            "AND (SELECT revision FROM runs WHERE id = @RunId AND NOT cancel_requested) = @revision",
            new
            {
                attempt.RunId, attempt.NodeId, attempt.StartedAt, attempt.Attempt, owner, now = attempt.StartedAt, leaseMs = Milliseconds(lease), revision,
                previous = attempt.Attempt - 1, running = NodeStatus.Running, queued = NodeStatus.Queued,
            }, transaction);
        if (taken == 0)
        {
            return await NotTakenAsync(connection, transaction, attempt);
        }
        await InsertAttemptAsync(connection, transaction, attempt);
        return new NodeStartResult(true, (await AppendEventsAsync(connection, transaction, [started]))[0], NodeStatus.Running, attempt.Attempt, revision);
    }

    /// <summary>
    /// Why a start's guard failed: the node's status and attempt count, the run's revision and cancel flag, read in a
    /// statement of their own. On PostgreSQL that statement sees a start another worker committed while the guarded one
    /// waited for the row (the guarded statement's snapshot would still say queued).
    /// </summary>
    private static async Task<NodeStartResult> NotTakenAsync(DbConnection connection, DbTransaction transaction, NodeAttemptRecord attempt)
    {
        var (status, attempts, revision, cancelled) = await connection.QuerySingleAsync<(string? Status, int Attempts, int Revision, int Cancelled)>(
            "SELECT (SELECT status FROM node_runs WHERE run_id = @RunId AND node_id = @NodeId), " +
            "COALESCE((SELECT attempts FROM node_runs WHERE run_id = @RunId AND node_id = @NodeId), 0), " +
            "COALESCE((SELECT revision FROM runs WHERE id = @RunId), 0), " +
            "COALESCE((SELECT CASE WHEN cancel_requested THEN 1 ELSE 0 END FROM runs WHERE id = @RunId), 0)", attempt, transaction);
        return new NodeStartResult(false, 0, status, attempts, revision) { RunCancelled = cancelled == 1 };
    }

    public ValueTask<bool> RenewLeaseAsync(
        string runId, string nodeId, string owner, long epoch, long now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync(
                $"UPDATE node_runs SET lease_until = {LeaseUntilSql} " +
                "WHERE run_id = @runId AND node_id = @nodeId AND status = @running AND lease_owner = @owner AND lease_epoch = @epoch",
                new { runId, nodeId, owner, epoch, now, leaseMs = Milliseconds(lease), running = NodeStatus.Running }, transaction) == 1,
            cancellationToken);

    public ValueTask<long?> RecordAttemptStartedAsync(NodeAttemptRecord attempt, long epoch, JournalEntry? started = null, CancellationToken cancellationToken = default) =>
        _database.WriteAsync<long?>(async (connection, transaction) =>
        {
            var held = await connection.ExecuteAsync(
                "UPDATE node_runs SET attempts = @Attempt WHERE run_id = @RunId AND node_id = @NodeId AND status = @running AND lease_epoch = @epoch",
                new { attempt.RunId, attempt.NodeId, attempt.Attempt, epoch, running = NodeStatus.Running }, transaction);
            if (held == 0)
            {
                return null; // the lease was lost: the attempt is not made
            }
            await InsertAttemptAsync(connection, transaction, attempt);
            return started is null ? 0 : (await AppendEventsAsync(connection, transaction, [started]))[0];
        }, cancellationToken);

    public ValueTask<long?> RecordAttemptFinishedAsync(NodeAttemptRecord attempt, long epoch, JournalEntry? finished = null, CancellationToken cancellationToken = default) =>
        _database.WriteAsync<long?>(async (connection, transaction) =>
        {
            var written = await connection.ExecuteAsync(
                "UPDATE node_attempts SET finished_at = @FinishedAt, outcome = @Outcome, error = @Error " +
                "WHERE run_id = @RunId AND node_id = @NodeId AND attempt = @Attempt AND EXISTS (SELECT 1 FROM node_runs " +
                "WHERE run_id = @RunId AND node_id = @NodeId AND status = @running AND lease_epoch = @epoch)",
                new { attempt.RunId, attempt.NodeId, attempt.Attempt, attempt.FinishedAt, attempt.Outcome, attempt.Error, epoch, running = NodeStatus.Running },
                transaction);
            if (written == 0)
            {
                return null; // the lease was lost: whoever holds the node now decides what this attempt was
            }
            return finished is null ? 0 : (await AppendEventsAsync(connection, transaction, [finished]))[0];
        }, cancellationToken);

    /// <summary>
    /// Moves queued_at of those of <paramref name="nodes"/> that are still queued to <paramref name="at"/> (they wait in this
    /// process, not lost); returns them.
    /// </summary>
    public ValueTask<IReadOnlyList<NodeKey>> RefreshQueuedAsync(IReadOnlyCollection<NodeKey> nodes, long at, CancellationToken cancellationToken = default)
    {
        if (nodes.Count == 0)
        {
            return ValueTask.FromResult<IReadOnlyList<NodeKey>>([]);
        }
        return _database.WriteAsync<IReadOnlyList<NodeKey>>(async (connection, transaction) =>
        {
            var queued = new List<NodeKey>(nodes.Count);
            foreach (var run in nodes.GroupBy(n => n.RunId, StringComparer.Ordinal))
            {
                foreach (var chunk in run.Select(n => n.NodeId).Chunk(500))
                {
                    var ids = await connection.QueryAsync<string>(
                        $"UPDATE node_runs SET queued_at = @at WHERE run_id = @runId AND {_database.InList("node_id", "ids")} AND status = @queued " +
                        "RETURNING node_id", new { runId = run.Key, ids = chunk, at, queued = NodeStatus.Queued }, transaction);
                    queued.AddRange(ids.Select(id => new NodeKey(run.Key, id)));
                }
            }
            return queued;
        }, cancellationToken);
    }

    private static Task InsertAttemptAsync(DbConnection connection, DbTransaction transaction, NodeAttemptRecord attempt) =>
        connection.ExecuteAsync(
            "INSERT INTO node_attempts (run_id, node_id, attempt, tool, started_at) VALUES (@RunId, @NodeId, @Attempt, @Tool, @StartedAt)",
            attempt, transaction);

    private static Task FinishAttemptAsync(DbConnection connection, DbTransaction transaction, NodeAttemptRecord attempt) =>
        connection.ExecuteAsync(
            "UPDATE node_attempts SET finished_at = @FinishedAt, outcome = @Outcome, error = @Error " +
            "WHERE run_id = @RunId AND node_id = @NodeId AND attempt = @Attempt", attempt, transaction);

    /// <summary>PostgreSQL's clock in Unix milliseconds: one clock for every worker, whatever their machines' clocks say.</summary>
    private const string PostgresNowMs = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";

    /// <summary>Now, for leases: the database server's clock on PostgreSQL (workers on several machines), else <c>@now</c> (this process's).</summary>
    private string LeaseNowSql => _database.Dialect == "postgres" ? PostgresNowMs : "@now";

    /// <summary>The end of a lease of <c>@leaseMs</c> taken now (see <see cref="LeaseNowSql"/>).</summary>
    private string LeaseUntilSql => $"({LeaseNowSql} + @leaseMs)";

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;

    /// <summary>Appends <paramref name="entries"/> in order inside the caller's transaction; one wake-up for other processes.</summary>
    private async Task<IReadOnlyList<long>> AppendEventsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<JournalEntry> entries)
    {
        if (entries.Count == 0)
        {
            return [];
        }
        var seqs = new long[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            seqs[i] = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO run_events (run_id, at, kind, node_id, data, origin) VALUES (@RunId, @At, @Kind, @NodeId, @Data, @Origin) RETURNING seq",
                entries[i], transaction);
        }
        await _database.NotifyEventAsync(connection, transaction, seqs[^1]);
        return seqs;
    }
}
