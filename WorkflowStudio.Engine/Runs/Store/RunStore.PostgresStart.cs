using System.Data.Common;
using Dapper;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Runs.Store;

/// <summary>A node's start on PostgreSQL in one statement: one round trip before the commit instead of five.</summary>
internal sealed partial class RunStore
{
    /// <summary>
    /// The guarded take of <see cref="StartAttemptAsync(DbConnection, DbTransaction, NodeAttemptRecord, string, TimeSpan, int, JournalEntry)"/>,
    /// the attempt row, the event and its wake-up. Data-modifying CTEs run exactly once, to completion, on one snapshot; the
    /// attempt and the event are inserted from the taken row, and pg_notify is called once per inserted event (its payload the
    /// seq as text, as <see cref="PostgresDatabase.NotifyEventAsync"/> sends it), so when the guard fails nothing is written
    /// or sent and no row comes back.
    /// </summary>
    private const string StartAttemptSql =
        "WITH taken AS (" +
        "UPDATE node_runs SET status = @running, started_at = COALESCE(started_at, @startedAt), lease_owner = @owner, " +
        "lease_until = " + PostgresNowMs + " + @leaseMs, lease_epoch = @attempt, " +
        "attempts = @attempt WHERE run_id = @runId AND node_id = @nodeId AND status = @queued AND attempts = @previous " +
        "AND (SELECT revision FROM runs WHERE id = @runId AND NOT cancel_requested) = @revision RETURNING run_id, node_id), " +
        "attempt AS (INSERT INTO node_attempts (run_id, node_id, attempt, tool, started_at) " +
        "SELECT run_id, node_id, @attempt, @tool, @startedAt FROM taken), " +
        "event AS (INSERT INTO run_events (run_id, at, kind, node_id, data, origin) " +
        "SELECT @eventRunId, @at, @kind, @eventNodeId, @data, @origin FROM taken RETURNING seq) " +
        "SELECT seq, pg_notify('" + PostgresDatabase.EventChannel + "', seq::text) FROM event";

    private static async ValueTask<NodeStartResult> StartAttemptInOneStatementAsync(
        DbConnection connection, DbTransaction transaction, NodeAttemptRecord attempt, string owner, TimeSpan lease, int revision, JournalEntry started)
    {
        var seq = await connection.QuerySingleOrDefaultAsync<long?>(StartAttemptSql, new
        {
            runId = attempt.RunId, nodeId = attempt.NodeId, startedAt = attempt.StartedAt, attempt = attempt.Attempt, tool = attempt.Tool,
            owner, leaseMs = Milliseconds(lease), revision, previous = attempt.Attempt - 1, running = NodeStatus.Running, queued = NodeStatus.Queued,
            eventRunId = started.RunId, at = started.At, kind = started.Kind, eventNodeId = started.NodeId, data = started.Data, origin = started.Origin,
        }, transaction);
        if (seq is not null)
        {
            return new NodeStartResult(true, seq.Value, NodeStatus.Running, attempt.Attempt, revision);
        }
        return await NotTakenAsync(connection, transaction, attempt);
    }
}
