using Dapper;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Runs.Store;

internal sealed partial class RunStore
{
    public ValueTask<long?> AwaitInputAsync(
        NodeAttemptRecord attempt, long epoch, string inputRequest, JournalEntry? awaiting = null, CancellationToken cancellationToken = default) =>
        _database.WriteAsync<long?>(async (connection, transaction) =>
        {
            await _database.LockRunAsync(connection, transaction, attempt.RunId);
            // From running under this worker's lease: the call ended asking, so the lease is given up with it.
            var changed = await connection.ExecuteAsync(
                "UPDATE node_runs SET status = @awaitingInput, input_request = @inputRequest, input_answer = NULL, lease_owner = NULL, lease_until = NULL " +
                "WHERE run_id = @RunId AND node_id = @NodeId AND status = @running AND lease_epoch = @epoch",
                new { attempt.RunId, attempt.NodeId, inputRequest, epoch, awaitingInput = NodeStatus.AwaitingInput, running = NodeStatus.Running }, transaction);
            if (changed == 0)
            {
                return null;
            }
            await FinishAttemptAsync(connection, transaction, attempt);
            await MarkRunAwaitingInputAsync(connection, transaction, attempt.RunId);
            return awaiting is null ? 0 : (await AppendEventsAsync(connection, transaction, [awaiting]))[0];
        }, cancellationToken);

    public ValueTask<long?> AwaitInputInFlightAsync(
        string runId, string nodeId, long epoch, string inputRequest, JournalEntry? awaiting = null, CancellationToken cancellationToken = default) =>
        _database.WriteAsync<long?>(async (connection, transaction) =>
        {
            await _database.LockRunAsync(connection, transaction, runId);
            var changed = await connection.ExecuteAsync(
                "UPDATE node_runs SET input_request = @inputRequest, input_answer = NULL " +
                "WHERE run_id = @runId AND node_id = @nodeId AND status = @running AND lease_epoch = @epoch",
                new { runId, nodeId, inputRequest, epoch, running = NodeStatus.Running }, transaction);
            if (changed == 0)
            {
                return null;
            }
            await MarkRunAwaitingInputAsync(connection, transaction, runId);
            return awaiting is null ? 0 : (await AppendEventsAsync(connection, transaction, [awaiting]))[0];
        }, cancellationToken);

    public ValueTask<bool> WithdrawInputAsync(string runId, string nodeId, long epoch, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await _database.LockRunAsync(connection, transaction, runId);
            var changed = await connection.ExecuteAsync(
                "UPDATE node_runs SET input_request = NULL WHERE run_id = @runId AND node_id = @nodeId AND status = @running " +
                "AND lease_epoch = @epoch AND input_answer IS NULL",
                new { runId, nodeId, epoch, running = NodeStatus.Running }, transaction);
            await ResumeRunIfNothingAwaitsAsync(connection, transaction, runId);
            return changed == 1;
        }, cancellationToken);

    public ValueTask<InputAnswerResult?> AnswerInputAsync(
        string runId, string nodeId, string answer, long at, JournalEntry? answered = null, CancellationToken cancellationToken = default) =>
        _database.WriteAsync<InputAnswerResult?>(async (connection, transaction) =>
        {
            await _database.LockRunAsync(connection, transaction, runId);
            // Compare-and-set on an unanswered question: of two answers (or an answer and a cancel) sent at once, one applies.
            var status = await connection.QuerySingleOrDefaultAsync<string>(
                "UPDATE node_runs SET input_answer = @answer, " +
                "queued_at = CASE WHEN status = @awaitingInput THEN @at ELSE queued_at END, " +
                "status = CASE WHEN status = @awaitingInput THEN @queued ELSE status END " +
                "WHERE run_id = @runId AND node_id = @nodeId AND input_request IS NOT NULL AND input_answer IS NULL " +
                "AND status IN (@awaitingInput, @running) RETURNING status",
                new { runId, nodeId, answer, at, awaitingInput = NodeStatus.AwaitingInput, queued = NodeStatus.Queued, running = NodeStatus.Running },
                transaction);
            if (status is null)
            {
                return null;
            }
            await ResumeRunIfNothingAwaitsAsync(connection, transaction, runId);
            var seq = answered is null ? 0 : (await AppendEventsAsync(connection, transaction, [answered]))[0];
            return new InputAnswerResult(status == NodeStatus.Queued, seq);
        }, cancellationToken);

    private static Task MarkRunAwaitingInputAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string runId) =>
        connection.ExecuteAsync("UPDATE runs SET status = @awaitingInput WHERE id = @runId AND status = @running",
            new { runId, awaitingInput = RunStatus.AwaitingInput, running = RunStatus.Running }, transaction);
}
