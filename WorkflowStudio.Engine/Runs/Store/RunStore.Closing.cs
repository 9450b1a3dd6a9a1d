using Dapper;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Runs.Store;

internal sealed partial class RunStore
{
    public async ValueTask<IReadOnlyList<UnclosedRun>> FindUnclosedRunsAsync(long settledBefore, int limit, CancellationToken cancellationToken = default)
    {
        // Nothing in flight (no queued, running or waiting node: nobody will complete a node of it), settled for the grace
        // period, and either nothing unfinished at all or a re-plan due (never for a run whose cancel was requested).
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string RunId, long Replan)>(new CommandDefinition(
            "SELECT r.id AS RunId, CASE WHEN r.replan_node IS NOT NULL AND NOT r.cancel_requested THEN 1 ELSE 0 END AS Replan FROM runs r " +
            "WHERE r.status IN ('running', 'awaiting_approval', 'awaiting_input') " +
            $"AND NOT EXISTS (SELECT 1 FROM node_runs n WHERE n.run_id = r.id AND n.status IN ({InFlightStatuses})) " +
            "AND ((r.replan_node IS NOT NULL AND NOT r.cancel_requested) " +
            $"OR NOT EXISTS (SELECT 1 FROM node_runs n WHERE n.run_id = r.id AND n.status IN ({UnfinishedStatuses}))) " +
            "AND COALESCE((SELECT MAX(n.finished_at) FROM node_runs n WHERE n.run_id = r.id), r.created_at) < @settledBefore " +
            "ORDER BY r.created_at LIMIT @limit",
            new { settledBefore, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new UnclosedRun(r.RunId, r.Replan == 1)).ToArray();
    }
}
