using Dapper;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Runs.Store;

internal sealed partial class RunStore
{
    private const string RevisionColumns =
        "run_id AS RunId, revision AS Revision, failed_node AS FailedNode, error AS Error, planner AS Planner, " +
        "explanation AS Explanation, diff AS Diff, definition AS Definition, previous_definition AS PreviousDefinition, created_at AS CreatedAt";

    public ValueTask<IReadOnlyList<string>?> ApplyRevisionAsync(
        RevisionRecord revision, IReadOnlyList<NodeRunRecord> toRun, IReadOnlyList<string> toSkip, string skipReason, CancellationToken cancellationToken = default) =>
        _database.WriteAsync<IReadOnlyList<string>?>(async (connection, transaction) =>
        {
            var runId = revision.RunId;
            await _database.LockRunAsync(connection, transaction, runId);
            var current = await connection.QuerySingleAsync<(int Revision, string Status, string? ReplanNode, bool CancelRequested, string Definition)>(
                "SELECT revision AS Revision, status AS Status, replan_node AS ReplanNode, cancel_requested AS CancelRequested, definition AS Definition FROM runs WHERE id = @runId",
                new { runId }, transaction);
            // Authoritative (under the run's lock): a run whose cancel was requested is never re-planned.
            if (current.Revision != revision.Revision - 1 || RunStatus.IsTerminal(current.Status) || current.ReplanNode is null || current.CancelRequested
                || await CountInFlightAsync(connection, transaction, runId) > 0)
            {
                return null;
            }
            await connection.ExecuteAsync(
                "UPDATE runs SET revision = @Revision, definition = @Definition, replan_node = NULL WHERE id = @RunId", revision, transaction);
            await connection.ExecuteAsync(
                "INSERT INTO run_revisions (run_id, revision, failed_node, error, planner, explanation, diff, definition, previous_definition, created_at) " +
                "VALUES (@RunId, @Revision, @FailedNode, @Error, @Planner, @Explanation, @Diff, @Definition, @PreviousDefinition, @CreatedAt)",
                revision with { PreviousDefinition = current.Definition }, transaction);
            if (toSkip.Count > 0)
            {
                await connection.ExecuteAsync(
                    $"UPDATE node_runs SET status = @skipped, finished_at = @at, error = @reason WHERE run_id = @runId AND {_database.InList("node_id", "ids")} " +
                    "AND status <> 'success'",
                    new { runId, ids = toSkip.ToArray(), at = revision.CreatedAt, reason = skipReason, skipped = NodeStatus.Skipped }, transaction);
            }
            var existing = (await connection.QueryAsync<string>("SELECT node_id FROM node_runs WHERE run_id = @runId", new { runId }, transaction))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var node in toRun)
            {
                await connection.ExecuteAsync(existing.Contains(node.NodeId)
                    ? "UPDATE node_runs SET ordinal = @Ordinal, tool = @Tool, status = @Status, remaining_deps = @RemainingDeps, queued_at = @QueuedAt, " +
                      "finished_at = NULL, output = NULL, error = NULL, args = NULL, recovery_attempted = @RecoveryAttempted, fallback_used = @FallbackUsed, " +
                      "fallback_result = NULL, cache_hit = @CacheHit, lease_owner = NULL, lease_until = NULL, approved_by = NULL, approved_args = NULL, decision = NULL, decided_by = NULL, decided_at = NULL " +
                      "WHERE run_id = @RunId AND node_id = @NodeId"
                    : "INSERT INTO node_runs (run_id, node_id, ordinal, tool, status, remaining_deps, queued_at) " +
                      "VALUES (@RunId, @NodeId, @Ordinal, @Tool, @Status, @RemainingDeps, @QueuedAt)", node, transaction);
            }
            return toRun.Where(n => n.Status == NodeStatus.Queued).Select(n => n.NodeId).ToArray();
        }, cancellationToken);

    public ValueTask<NodeCompletion> AbandonReplanAsync(string runId, IReadOnlyList<string> descendants, string reason, long at, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await _database.LockRunAsync(connection, transaction, runId);
            await connection.ExecuteAsync("UPDATE runs SET replan_node = NULL WHERE id = @runId", new { runId }, transaction);
            IReadOnlyList<string> skipped = descendants.Count == 0 ? [] : (await connection.QueryAsync<string>(
                $"UPDATE node_runs SET status = @skippedStatus, finished_at = @at, error = @reason WHERE run_id = @runId AND {_database.InList("node_id", "ids")} " +
                "AND status = @pending RETURNING node_id",
                new { runId, ids = descendants.ToArray(), at, reason, skippedStatus = NodeStatus.Skipped, pending = NodeStatus.Pending }, transaction)).AsList();
            return new NodeCompletion(true, [], skipped, await AnyUnfinishedAsync(connection, transaction, runId))
            {
                InFlight = await CountInFlightAsync(connection, transaction, runId),
            };
        }, cancellationToken);

    public async ValueTask<IReadOnlyList<RevisionRecord>> GetRevisionsAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<RevisionRecord>(new CommandDefinition(
            $"SELECT {RevisionColumns} FROM run_revisions WHERE run_id = @runId ORDER BY revision", new { runId }, cancellationToken: cancellationToken))).AsList();
    }
}
