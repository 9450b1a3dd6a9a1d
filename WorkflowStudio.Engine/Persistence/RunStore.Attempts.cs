using System.Data.Common;
using Dapper;
using WorkflowStudio.Engine.Execution;

namespace WorkflowStudio.Engine.Persistence;

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
        NodeAttemptRecord attempt, string owner, long leaseUntil, int revision, JournalEntry started, CancellationToken cancellationToken = default) =>
        _database.WriteAsync((connection, transaction) => _database.Dialect == "postgres"
            ? StartAttemptInOneStatementAsync(connection, transaction, attempt, owner, leaseUntil, revision, started)
            : StartAttemptAsync(connection, transaction, attempt, owner, leaseUntil, revision, started), cancellationToken);

    private async ValueTask<NodeStartResult> StartAttemptAsync(
        DbConnection connection, DbTransaction transaction, NodeAttemptRecord attempt, string owner, long leaseUntil, int revision, JournalEntry started)
    {
        // Guarded three ways: still queued (exactly one worker takes it), the attempt count the caller numbered from,
        // and the graph revision the caller bound the node's arguments against.
        var taken = await connection.ExecuteAsync(
            "UPDATE node_runs SET status = @running, started_at = COALESCE(started_at, @StartedAt), lease_owner = @owner, lease_until = @leaseUntil, " +
            "attempts = @Attempt WHERE run_id = @RunId AND node_id = @NodeId AND status = @queued AND attempts = @previous " +
            "AND (SELECT revision FROM runs WHERE id = @RunId) = @revision",
            new
            {
                attempt.RunId, attempt.NodeId, attempt.StartedAt, attempt.Attempt, owner, leaseUntil, revision, previous = attempt.Attempt - 1,
                running = NodeStatus.Running, queued = NodeStatus.Queued,
            }, transaction);
        if (taken == 0)
        {
            return await NotTakenAsync(connection, transaction, attempt);
        }
        await InsertAttemptAsync(connection, transaction, attempt);
        return new NodeStartResult(true, (await AppendEventsAsync(connection, transaction, [started]))[0], NodeStatus.Running, attempt.Attempt, revision);
    }

    /// <summary>
    /// Why a start's guard failed: the node's status and attempt count and the run's revision, read in a statement of their
    /// own. On PostgreSQL that statement sees a start another worker committed while the guarded one waited for the row
    /// (the guarded statement's snapshot would still say queued).
    /// </summary>
    private static async Task<NodeStartResult> NotTakenAsync(DbConnection connection, DbTransaction transaction, NodeAttemptRecord attempt)
    {
        var (status, attempts, revision) = await connection.QuerySingleAsync<(string? Status, int Attempts, int Revision)>(
            "SELECT (SELECT status FROM node_runs WHERE run_id = @RunId AND node_id = @NodeId), " +
            "COALESCE((SELECT attempts FROM node_runs WHERE run_id = @RunId AND node_id = @NodeId), 0), " +
            "COALESCE((SELECT revision FROM runs WHERE id = @RunId), 0)", attempt, transaction);
        return new NodeStartResult(false, 0, status, attempts, revision);
    }

    public ValueTask<bool> RenewLeaseAsync(string runId, string nodeId, string owner, long leaseUntil, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync(
                "UPDATE node_runs SET lease_until = @leaseUntil WHERE run_id = @runId AND node_id = @nodeId AND status = @running AND lease_owner = @owner",
                new { runId, nodeId, owner, leaseUntil, running = NodeStatus.Running }, transaction) == 1,
            cancellationToken);

    public ValueTask<long> RecordAttemptStartedAsync(NodeAttemptRecord attempt, JournalEntry? started = null, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await InsertAttemptAsync(connection, transaction, attempt);
            await connection.ExecuteAsync(
                "UPDATE node_runs SET attempts = @Attempt WHERE run_id = @RunId AND node_id = @NodeId", attempt, transaction);
            return started is null ? 0 : (await AppendEventsAsync(connection, transaction, [started]))[0];
        }, cancellationToken);

    public ValueTask<long> RecordAttemptFinishedAsync(NodeAttemptRecord attempt, JournalEntry? finished = null, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await FinishAttemptAsync(connection, transaction, attempt);
            return finished is null ? 0 : (await AppendEventsAsync(connection, transaction, [finished]))[0];
        }, cancellationToken);

    private static Task InsertAttemptAsync(DbConnection connection, DbTransaction transaction, NodeAttemptRecord attempt) =>
        connection.ExecuteAsync(
            "INSERT INTO node_attempts (run_id, node_id, attempt, tool, started_at) VALUES (@RunId, @NodeId, @Attempt, @Tool, @StartedAt)",
            attempt, transaction);

    private static Task FinishAttemptAsync(DbConnection connection, DbTransaction transaction, NodeAttemptRecord attempt) =>
        connection.ExecuteAsync(
            "UPDATE node_attempts SET finished_at = @FinishedAt, outcome = @Outcome, error = @Error " +
            "WHERE run_id = @RunId AND node_id = @NodeId AND attempt = @Attempt", attempt, transaction);

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
