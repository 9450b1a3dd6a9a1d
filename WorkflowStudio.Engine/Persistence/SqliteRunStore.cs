using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowStudio.Engine.Execution;

namespace WorkflowStudio.Engine.Persistence;

/// <summary>The run journal in the embedded SQLite database.</summary>
internal sealed class SqliteRunStore : IRunStore
{
    private const string RunColumns =
        "id AS Id, workflow_id AS WorkflowId, workflow_name AS WorkflowName, definition AS Definition, inputs AS Inputs, " +
        "status AS Status, created_at AS CreatedAt, started_at AS StartedAt, finished_at AS FinishedAt, output AS Output, " +
        "error AS Error, summary AS Summary";

    private const string NodeColumns =
        "run_id AS RunId, node_id AS NodeId, ordinal AS Ordinal, tool AS Tool, status AS Status, remaining_deps AS RemainingDeps, " +
        "attempts AS Attempts, queued_at AS QueuedAt, started_at AS StartedAt, finished_at AS FinishedAt, args AS Args, " +
        "output AS Output, error AS Error, context_used AS ContextUsed, recovery_attempted AS RecoveryAttempted, " +
        "fallback_used AS FallbackUsed, fallback_result AS FallbackResult";

    private readonly SqliteDatabase _database;

    public SqliteRunStore(SqliteDatabase database) => _database = database;

    public async ValueTask CreateRunAsync(RunRecord run, IReadOnlyList<NodeRunRecord> nodes, CancellationToken cancellationToken = default) =>
        await _database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "INSERT INTO runs (id, workflow_id, workflow_name, definition, inputs, status, created_at, started_at) " +
                "VALUES (@Id, @WorkflowId, @WorkflowName, @Definition, @Inputs, @Status, @CreatedAt, @StartedAt)", run, transaction);
            await connection.ExecuteAsync(
                "INSERT INTO node_runs (run_id, node_id, ordinal, tool, status, remaining_deps, queued_at) " +
                "VALUES (@RunId, @NodeId, @Ordinal, @Tool, @Status, @RemainingDeps, @QueuedAt)", nodes, transaction);
            return true;
        }, cancellationToken);

    public async ValueTask<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RunRecord>(
            new CommandDefinition($"SELECT {RunColumns} FROM runs WHERE id = @runId", new { runId }, cancellationToken: cancellationToken));
    }

    public async ValueTask<IReadOnlyList<RunRecord>> ListRunsAsync(int limit, string? status = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var sql = $"SELECT {RunColumns} FROM runs {(status is null ? "" : "WHERE status = @status")} ORDER BY created_at DESC, id DESC LIMIT @limit";
        var rows = await connection.QueryAsync<RunRecord>(new CommandDefinition(sql, new { limit, status }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async ValueTask<RunPage> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, RunQuery.MaxLimit);
        var where = new List<string>();
        if (query.Status is not null)
        {
            where.Add("status = @Status");
        }
        if (query.WorkflowId is not null)
        {
            where.Add("workflow_id = @WorkflowId");
        }
        if (query.CreatedFrom is not null)
        {
            where.Add("created_at >= @CreatedFrom");
        }
        if (query.CreatedTo is not null)
        {
            where.Add("created_at < @CreatedTo");
        }
        if (query.After is not null)
        {
            // Row-value comparison: SQLite walks the (created_at DESC, id DESC) index from the cursor on.
            where.Add("(created_at, id) < (@AfterCreatedAt, @AfterId)");
        }
        var sql =
            "SELECT id AS Id, workflow_id AS WorkflowId, workflow_name AS WorkflowName, status AS Status, created_at AS CreatedAt, " +
            "started_at AS StartedAt, finished_at AS FinishedAt, error AS Error FROM runs " +
            (where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "") +
            " ORDER BY created_at DESC, id DESC LIMIT @Take";
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RunSummary>(new CommandDefinition(sql, new
        {
            query.Status, query.WorkflowId, query.CreatedFrom, query.CreatedTo,
            AfterCreatedAt = query.After?.CreatedAt, AfterId = query.After?.Id, Take = limit + 1,
        }, cancellationToken: cancellationToken))).AsList();
        if (rows.Count <= limit)
        {
            return new RunPage(rows, null);
        }
        rows.RemoveAt(limit);
        return new RunPage(rows, new RunCursor(rows[^1].CreatedAt, rows[^1].Id));
    }

    public async ValueTask<IReadOnlyList<NodeRunRecord>> GetNodeRunsAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NodeRunRecord>(new CommandDefinition(
            $"SELECT {NodeColumns} FROM node_runs WHERE run_id = @runId ORDER BY ordinal", new { runId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async ValueTask<IReadOnlyList<NodeRunRecord>> GetNodeRunsAsync(string runId, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default)
    {
        if (nodeIds.Count == 0)
        {
            return [];
        }
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NodeRunRecord>(new CommandDefinition(
            $"SELECT {NodeColumns} FROM node_runs WHERE run_id = @runId AND node_id IN @nodeIds", new { runId, nodeIds }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async ValueTask<IReadOnlyList<NodeAttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NodeAttemptRecord>(new CommandDefinition(
            "SELECT run_id AS RunId, node_id AS NodeId, attempt AS Attempt, tool AS Tool, started_at AS StartedAt, finished_at AS FinishedAt, " +
            "outcome AS Outcome, error AS Error FROM node_attempts WHERE run_id = @runId ORDER BY started_at, node_id, attempt",
            new { runId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public ValueTask<bool> TryStartNodeAsync(string runId, string nodeId, long at, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync(
                "UPDATE node_runs SET status = @running, started_at = @at WHERE run_id = @runId AND node_id = @nodeId AND status = @queued",
                new { runId, nodeId, at, running = NodeStatus.Running, queued = NodeStatus.Queued }, transaction) == 1,
            cancellationToken);

    public async ValueTask RecordAttemptStartedAsync(NodeAttemptRecord attempt, CancellationToken cancellationToken = default) =>
        await _database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "INSERT INTO node_attempts (run_id, node_id, attempt, tool, started_at) VALUES (@RunId, @NodeId, @Attempt, @Tool, @StartedAt)",
                attempt, transaction);
            await connection.ExecuteAsync(
                "UPDATE node_runs SET attempts = @Attempt WHERE run_id = @RunId AND node_id = @NodeId", attempt, transaction);
            return true;
        }, cancellationToken);

    public async ValueTask RecordAttemptFinishedAsync(NodeAttemptRecord attempt, CancellationToken cancellationToken = default) =>
        await _database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync(
                "UPDATE node_attempts SET finished_at = @FinishedAt, outcome = @Outcome, error = @Error " +
                "WHERE run_id = @RunId AND node_id = @NodeId AND attempt = @Attempt", attempt, transaction),
            cancellationToken);

    public ValueTask<NodeCompletion> CompleteNodeAsync(string runId, string nodeId, NodeOutcome outcome, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            var changed = await connection.ExecuteAsync(
                "UPDATE node_runs SET status = @Status, finished_at = @FinishedAt, args = @Args, output = @Output, error = @Error, " +
                "context_used = @ContextUsed, recovery_attempted = @RecoveryAttempted, fallback_used = @FallbackUsed, fallback_result = @FallbackResult " +
                "WHERE run_id = @runId AND node_id = @nodeId AND status IN ('running', 'queued')",
                new
                {
                    runId, nodeId, outcome.Status, outcome.FinishedAt, outcome.Args, outcome.Output, outcome.Error, outcome.ContextUsed,
                    outcome.RecoveryAttempted, outcome.FallbackUsed, outcome.FallbackResult,
                }, transaction);
            if (changed == 0)
            {
                return new NodeCompletion(false, [], [], await CountUnfinishedAsync(connection, transaction, runId));
            }
            IReadOnlyList<string> skipped = [];
            if (outcome.SkipDependants.Count > 0)
            {
                skipped = (await connection.QueryAsync<string>(
                    "UPDATE node_runs SET status = @skippedStatus, finished_at = @at, error = @reason " +
                    "WHERE run_id = @runId AND node_id IN @ids AND status = @pending RETURNING node_id",
                    new { runId, ids = outcome.SkipDependants, at = outcome.FinishedAt, reason = outcome.SkipReason, skippedStatus = NodeStatus.Skipped, pending = NodeStatus.Pending },
                    transaction)).AsList();
            }
            IReadOnlyList<string> ready = [];
            if (outcome.Dependants.Count > 0)
            {
                await connection.ExecuteAsync(
                    "UPDATE node_runs SET remaining_deps = remaining_deps - 1 WHERE run_id = @runId AND node_id IN @ids",
                    new { runId, ids = outcome.Dependants }, transaction);
                ready = (await connection.QueryAsync<string>(
                    "UPDATE node_runs SET status = @queued, queued_at = @at WHERE run_id = @runId AND node_id IN @ids " +
                    "AND remaining_deps = 0 AND status = @pending RETURNING node_id",
                    new { runId, ids = outcome.Dependants, at = outcome.FinishedAt, queued = NodeStatus.Queued, pending = NodeStatus.Pending },
                    transaction)).AsList();
            }
            return new NodeCompletion(true, ready, skipped, await CountUnfinishedAsync(connection, transaction, runId));
        }, cancellationToken);

    public ValueTask<bool> TryFinishRunAsync(string runId, string status, long at, string? output, string? error, string? summary, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync(
                "UPDATE runs SET status = @status, finished_at = @at, output = @output, error = @error, summary = @summary " +
                "WHERE id = @runId AND status = @running",
                new { runId, status, at, output, error, summary, running = RunStatus.Running }, transaction) == 1,
            cancellationToken);

    public ValueTask<IReadOnlyList<string>> SkipUnfinishedNodesAsync(string runId, string reason, long at, CancellationToken cancellationToken = default) =>
        _database.WriteAsync<IReadOnlyList<string>>(async (connection, transaction) =>
            (await connection.QueryAsync<string>(
                "UPDATE node_runs SET status = @skipped, finished_at = @at, error = @reason " +
                "WHERE run_id = @runId AND status IN ('pending', 'queued', 'running') RETURNING node_id",
                new { runId, reason, at, skipped = NodeStatus.Skipped }, transaction)).AsList(),
            cancellationToken);

    public async ValueTask AppendEventAsync(string runId, long at, string kind, string? nodeId, string data, CancellationToken cancellationToken = default) =>
        await _database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync(
                "INSERT INTO run_events (run_id, at, kind, node_id, data) VALUES (@runId, @at, @kind, @nodeId, @data)",
                new { runId, at, kind, nodeId, data }, transaction),
            cancellationToken);

    private static Task<int> CountUnfinishedAsync(SqliteConnection connection, SqliteTransaction transaction, string runId) =>
        connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM node_runs WHERE run_id = @runId AND status NOT IN ('success', 'error', 'skipped')",
            new { runId }, transaction);
}
