using Dapper;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Runs.Store;

internal sealed partial class RunStore
{
    public ValueTask<long?> AwaitApprovalAsync(
        string runId, string nodeId, int attempts, string? args, string? contextUsed, JournalEntry? awaiting = null, CancellationToken cancellationToken = default) =>
        _database.WriteAsync<long?>(async (connection, transaction) =>
        {
            await _database.LockRunAsync(connection, transaction, runId);
            // From queued: the gate is checked before the node is taken, so a node that waits never held a lease. Fenced by the
            // attempt count the caller read: a node taken (and re-queued) since then is not the one it prepared.
            var changed = await connection.ExecuteAsync(
                "UPDATE node_runs SET status = @awaiting, args = @args, context_used = @contextUsed, lease_owner = NULL, lease_until = NULL " +
                "WHERE run_id = @runId AND node_id = @nodeId AND status = @queued AND attempts = @attempts",
                new { runId, nodeId, attempts, args, contextUsed, awaiting = NodeStatus.AwaitingApproval, queued = NodeStatus.Queued }, transaction);
            if (changed == 0)
            {
                return null;
            }
            await connection.ExecuteAsync("UPDATE runs SET status = @awaiting WHERE id = @runId AND status IN (@running, @awaitingInput)",
                new { runId, awaiting = RunStatus.AwaitingApproval, running = RunStatus.Running, awaitingInput = RunStatus.AwaitingInput }, transaction);
            return awaiting is null ? 0 : (await AppendEventsAsync(connection, transaction, [awaiting]))[0];
        }, cancellationToken);

    public ValueTask<long?> ApproveNodeAsync(
        string runId, string nodeId, string approvedBy, long at, string? args = null, JournalEntry? decided = null, CancellationToken cancellationToken = default) =>
        _database.WriteAsync<long?>(async (connection, transaction) =>
        {
            await _database.LockRunAsync(connection, transaction, runId);
            // Compare-and-set from awaiting_approval: of approve, reject and cancel sent at once, exactly one changes the node.
            var changed = await connection.ExecuteAsync(
                "UPDATE node_runs SET status = @queued, queued_at = @at, approved_by = @approvedBy, approved_args = @args, " +
                "decision = @approved, decided_by = @approvedBy, decided_at = @at " +
                "WHERE run_id = @runId AND node_id = @nodeId AND status = @awaiting",
                new { runId, nodeId, at, approvedBy, args, approved = NodeDecision.Approved, queued = NodeStatus.Queued, awaiting = NodeStatus.AwaitingApproval },
                transaction);
            if (changed == 0)
            {
                return null;
            }
            await ResumeRunIfNothingAwaitsAsync(connection, transaction, runId);
            return decided is null ? 0 : (await AppendEventsAsync(connection, transaction, [decided]))[0];
        }, cancellationToken);

    public ValueTask<NodeCompletion> CompleteNodeAsync(
        string runId, string nodeId, NodeOutcome outcome, Func<NodeCompletion, IReadOnlyList<JournalEntry>>? events = null,
        CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            // One completion of a run at a time, across processes: the last one sees every other node terminal.
            await _database.LockRunAsync(connection, transaction, runId);
            var output = await _blobs.StoreIfLargeAsync(connection, transaction, runId, outcome.Output, outcome.FinishedAt);
            // A rejection is a compare-and-set from awaiting_approval (it loses to an approval or a cancel that came first).
            var changed = await connection.ExecuteAsync(
                "UPDATE node_runs SET status = @Status, finished_at = @FinishedAt, args = COALESCE(@Args, args), output = @output, error = @Error, " +
                "context_used = COALESCE(@ContextUsed, context_used), recovery_attempted = @RecoveryAttempted, fallback_used = @FallbackUsed, " +
                "fallback_result = @FallbackResult, cache_hit = @CacheHit, lease_owner = NULL, lease_until = NULL" +
                (outcome.RejectedBy is null
                    ? $" WHERE run_id = @runId AND node_id = @nodeId AND {CompletionFence(outcome)}"
                    : ", decision = @rejected, decided_by = @RejectedBy, decided_at = @FinishedAt " +
                      "WHERE run_id = @runId AND node_id = @nodeId AND status = 'awaiting_approval'"),
                new
                {
                    runId, nodeId, outcome.Status, outcome.FinishedAt, outcome.Args, output, outcome.Error, outcome.ContextUsed,
                    outcome.RecoveryAttempted, outcome.FallbackUsed, outcome.FallbackResult, outcome.CacheHit, outcome.LeaseEpoch, outcome.QueuedAttempts,
                    running = NodeStatus.Running, outcome.RejectedBy, rejected = NodeDecision.Rejected,
                }, transaction);
            if (changed == 0)
            {
                // Someone else holds or finished the node (a duplicate delivery, a worker whose lease was taken over, or a
                // retried commit whose first reply was lost): this completion, its attempt's end included, changes nothing,
                // but it says what is left of the run all the same, so the caller can still close it.
                var now = await ProgressAsync(connection, transaction, runId);
                return new NodeCompletion(false, [], [], now.AnyUnfinished == 1) { InFlight = (int)now.InFlight, ReplanNode = now.ReplanNode };
            }
            if (outcome.FinishedAttempt is { } attempt)
            {
                await FinishAttemptAsync(connection, transaction, attempt);
            }
            IReadOnlyList<string> skipped = [];
            if (outcome.SkipDependants.Count > 0)
            {
                skipped = (await connection.QueryAsync<string>(
                    "UPDATE node_runs SET status = @skippedStatus, finished_at = @at, error = @reason " +
                    $"WHERE run_id = @runId AND {_database.InList("node_id", "ids")} AND status = @pending RETURNING node_id",
                    new { runId, ids = outcome.SkipDependants.ToArray(), at = outcome.FinishedAt, reason = outcome.SkipReason, skippedStatus = NodeStatus.Skipped, pending = NodeStatus.Pending },
                    transaction)).AsList();
            }
            IReadOnlyList<string> ready = [];
            if (outcome.Dependants.Count > 0)
            {
                var ids = outcome.Dependants.ToArray();
                await connection.ExecuteAsync(
                    $"UPDATE node_runs SET remaining_deps = remaining_deps - 1 WHERE run_id = @runId AND {_database.InList("node_id", "ids")}", new { runId, ids }, transaction);
                ready = (await connection.QueryAsync<string>(
                    $"UPDATE node_runs SET status = @queued, queued_at = @at WHERE run_id = @runId AND {_database.InList("node_id", "ids")} " +
                    "AND remaining_deps = 0 AND status = @pending RETURNING node_id",
                    new { runId, ids, at = outcome.FinishedAt, queued = NodeStatus.Queued, pending = NodeStatus.Pending }, transaction)).AsList();
            }
            if (outcome.HoldForReplan)
            {
                // Never for a run whose cancel was requested: a cancelled run starts nothing, re-plans included.
                await connection.ExecuteAsync(
                    "UPDATE runs SET replan_node = @nodeId WHERE id = @runId AND replan_node IS NULL AND NOT cancel_requested", new { runId, nodeId }, transaction);
            }
            await ResumeRunIfNothingAwaitsAsync(connection, transaction, runId);
            var left = await ProgressAsync(connection, transaction, runId);
            var completion = new NodeCompletion(true, ready, skipped, left.AnyUnfinished == 1)
            {
                InFlight = (int)left.InFlight,
                ReplanNode = left.ReplanNode,
            };
            return events is null ? completion : completion with { EventSeqs = await AppendEventsAsync(connection, transaction, events(completion)) };
        }, cancellationToken);

    /// <summary>
    /// Which node a completion may change (see <see cref="NodeOutcome.LeaseEpoch"/>): a running one under the completing
    /// worker's lease, else one that was never taken since the caller read it (queued with the attempt count it saw), or,
    /// for a decision about a waiting node, queued or awaiting approval. Never a node another worker is running.
    /// </summary>
    private static string CompletionFence(NodeOutcome outcome) => outcome switch
    {
        { LeaseEpoch: not null } => "status = @running AND lease_epoch = @LeaseEpoch",
        { QueuedAttempts: not null } => "status IN ('queued', 'awaiting_approval') AND attempts = @QueuedAttempts",
        _ => "status IN ('queued', 'awaiting_approval')",
    };

    public ValueTask<long?> TryFinishRunAsync(
        string runId, string status, long at, string? output, string? error, string? summary, JournalEntry? finished = null,
        CancellationToken cancellationToken = default) =>
        _database.WriteAsync<long?>(async (connection, transaction) =>
        {
            var changed = await connection.ExecuteAsync(
                "UPDATE runs SET status = @status, finished_at = @at, output = @output, error = @error, summary = @summary " +
                "WHERE id = @runId AND status IN ('running', 'awaiting_approval', 'awaiting_input')",
                new { runId, status, at, output, error, summary }, transaction);
            if (changed == 0)
            {
                return null;
            }
            return finished is null ? 0 : (await AppendEventsAsync(connection, transaction, [finished]))[0];
        }, cancellationToken);

    public ValueTask<CancelRequest> RequestCancelAsync(string runId, string reason, long at, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await _database.LockRunAsync(connection, transaction, runId);
            var accepted = await connection.ExecuteAsync(
                // One winner: not a second cancel, and not a run whose last node already ended (its completion closes it as
                // it ended) unless a re-plan is still due.
                "UPDATE runs SET cancel_requested = @yes WHERE id = @runId AND status IN ('running', 'awaiting_approval', 'awaiting_input') AND NOT cancel_requested " +
                $"AND (replan_node IS NOT NULL OR EXISTS (SELECT 1 FROM node_runs WHERE run_id = @runId AND status IN ({UnfinishedStatuses})))",
                new { runId, yes = true }, transaction) == 1;
            if (!accepted)
            {
                return new CancelRequest(false, [], 0);
            }
            var skipped = (await connection.QueryAsync<string>(
                "UPDATE node_runs SET status = @skippedStatus, finished_at = @at, error = @reason, lease_owner = NULL, lease_until = NULL " +
                "WHERE run_id = @runId AND status IN ('pending', 'queued', 'awaiting_approval', 'awaiting_input') RETURNING node_id",
                new { runId, reason, at, skippedStatus = NodeStatus.Skipped }, transaction)).AsList();
            var running = await connection.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM node_runs WHERE run_id = @runId AND status = @running", new { runId, running = NodeStatus.Running }, transaction);
            return new CancelRequest(true, skipped, running);
        }, cancellationToken);

    public ValueTask<IReadOnlyList<RecoveredNode>> ClaimRecoverableNodesAsync(long now, long queuedBefore, int limit, CancellationToken cancellationToken = default) =>
        _database.WriteAsync<IReadOnlyList<RecoveredNode>>(async (connection, transaction) =>
        {
            // Leases are compared with the clock they were taken by (the database's on PostgreSQL); queued_at with the callers'.
            var lost = $"((status = @queued AND queued_at < @queuedBefore) OR (status = @running AND lease_until < {LeaseNowSql}))";
            var candidates = (await connection.QueryAsync<RecoverableRow>(
                "SELECT n.run_id AS RunId, n.node_id AS NodeId, n.status AS PreviousStatus, CASE WHEN r.cancel_requested THEN 1 ELSE 0 END AS RunCancelled " +
                "FROM node_runs n JOIN runs r ON r.id = n.run_id " +
                $"WHERE (n.status = @queued AND n.queued_at < @queuedBefore) OR (n.status = @running AND n.lease_until < {LeaseNowSql}) LIMIT @limit",
                new { now, queuedBefore, limit, queued = NodeStatus.Queued, running = NodeStatus.Running }, transaction))
                .Select(row => new RecoveredNode(row.RunId, row.NodeId, row.PreviousStatus) { RunCancelled = row.RunCancelled == 1 }).ToList();
            var claimed = new List<RecoveredNode>(candidates.Count);
            foreach (var node in candidates)
            {
                // Re-queue with a fresh queued_at: the next sweep leaves it alone unless it is stuck again. A node of a run
                // asked to cancel is re-queued too, but its claimer skips it instead of dispatching it.
                var changed = await connection.ExecuteAsync(
                    "UPDATE node_runs SET status = @queued, queued_at = @now, lease_owner = NULL, lease_until = NULL " +
                    $"WHERE run_id = @RunId AND node_id = @NodeId AND {lost}",
                    new { node.RunId, node.NodeId, now, queuedBefore, queued = NodeStatus.Queued, running = NodeStatus.Running }, transaction);
                if (changed == 1)
                {
                    claimed.Add(node);
                }
            }
            return claimed;
        }, cancellationToken);

    public ValueTask<long> AppendEventAsync(string runId, long at, string kind, string? nodeId, string data, string origin, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
            (await AppendEventsAsync(connection, transaction, [new JournalEntry(runId, at, kind, nodeId, data, origin)]))[0],
            cancellationToken);

    public async ValueTask<long> GetLatestEventSeqAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(seq) FROM run_events", cancellationToken: cancellationToken)) ?? 0;
    }

    public async ValueTask<IReadOnlyList<StoredEvent>> ReadEventsAsync(long afterSeq, int limit, string? runId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var sql = "SELECT seq AS Seq, run_id AS RunId, data AS Data, origin AS Origin FROM run_events WHERE seq > @afterSeq" +
            (runId is null ? "" : " AND run_id = @runId") + " ORDER BY seq LIMIT @limit";
        return (await connection.QueryAsync<StoredEvent>(new CommandDefinition(sql, new { afterSeq, limit, runId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// The run back to running once no node waits for a person (an approval, or an answer: awaiting_input, or a call in
    /// flight whose question is unanswered); while one still does, the run says which kind (approval first).
    /// </summary>
    private static async Task ResumeRunIfNothingAwaitsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string runId) =>
        await connection.ExecuteAsync(
            "UPDATE runs SET status = CASE " +
            "WHEN EXISTS (SELECT 1 FROM node_runs WHERE run_id = @runId AND status = @awaitingNode) THEN @awaiting " +
            "WHEN EXISTS (SELECT 1 FROM node_runs WHERE run_id = @runId AND (status = @awaitingInputNode " +
            "OR (status = @runningNode AND input_request IS NOT NULL AND input_answer IS NULL))) THEN @awaitingInput " +
            "ELSE @running END WHERE id = @runId AND status IN (@awaiting, @awaitingInput)",
            new
            {
                runId, running = RunStatus.Running, awaiting = RunStatus.AwaitingApproval, awaitingInput = RunStatus.AwaitingInput,
                awaitingNode = NodeStatus.AwaitingApproval, awaitingInputNode = NodeStatus.AwaitingInput, runningNode = NodeStatus.Running,
            }, transaction);

    private sealed class RecoverableRow
    {
        public string RunId { get; init; } = "";
        public string NodeId { get; init; } = "";
        public string PreviousStatus { get; init; } = "";
        public long RunCancelled { get; init; }
    }

    private sealed class RunProgress
    {
        public long AnyUnfinished { get; init; }
        public long InFlight { get; init; }
        public string? ReplanNode { get; init; }
    }
}
