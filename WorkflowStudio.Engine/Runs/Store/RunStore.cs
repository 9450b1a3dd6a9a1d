using System.Data.Common;
using Dapper;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Runs.Store;

/// <summary>The run journal on SQLite or PostgreSQL: the same guarded statements on both (see <see cref="IDatabase"/>).</summary>
internal sealed partial class RunStore : IRunStateStore, IRunEventLog
{
    private const string RunColumns =
        "id AS Id, workflow_id AS WorkflowId, workflow_name AS WorkflowName, definition AS Definition, inputs AS Inputs, " +
        "status AS Status, created_at AS CreatedAt, started_at AS StartedAt, finished_at AS FinishedAt, output AS Output, " +
        "error AS Error, summary AS Summary, cancel_requested AS CancelRequested, revision AS Revision, replan_node AS ReplanNode, " +
        "tenant_id AS TenantId, origin AS Origin, started_by AS StartedBy";

    private const string NodeColumns =
        "run_id AS RunId, node_id AS NodeId, ordinal AS Ordinal, tool AS Tool, status AS Status, remaining_deps AS RemainingDeps, " +
        "attempts AS Attempts, queued_at AS QueuedAt, started_at AS StartedAt, finished_at AS FinishedAt, args AS Args, " +
        "output AS Output, error AS Error, context_used AS ContextUsed, recovery_attempted AS RecoveryAttempted, " +
        "fallback_used AS FallbackUsed, fallback_result AS FallbackResult, lease_owner AS LeaseOwner, lease_until AS LeaseUntil, " +
        "approved_by AS ApprovedBy, approved_args AS ApprovedArgs, decision AS Decision, decided_by AS DecidedBy, decided_at AS DecidedAt, " +
        "input_request AS InputRequest, input_answer AS InputAnswer, cache_hit AS CacheHit";

    private readonly IDatabase _database;
    private readonly BlobStore _blobs;

    public RunStore(IDatabase database, BlobStore blobs)
    {
        _database = database;
        _blobs = blobs;
    }

    public ValueTask<long> CreateRunAsync(RunRecord run, IReadOnlyList<NodeRunRecord> nodes, JournalEntry? started = null, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "INSERT INTO runs (id, workflow_id, workflow_name, definition, inputs, status, created_at, started_at, tenant_id, origin, started_by) " +
                "VALUES (@Id, @WorkflowId, @WorkflowName, @Definition, @Inputs, @Status, @CreatedAt, @StartedAt, @TenantId, @Origin, @StartedBy)", run, transaction);
            await connection.ExecuteAsync(
                "INSERT INTO node_runs (run_id, node_id, ordinal, tool, status, remaining_deps, queued_at) " +
                "VALUES (@RunId, @NodeId, @Ordinal, @Tool, @Status, @RemainingDeps, @QueuedAt)", nodes, transaction);
            return started is null ? 0 : (await AppendEventsAsync(connection, transaction, [started]))[0];
        }, cancellationToken);

    public ValueTask<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        _database.ReadAsync(async connection => await connection.QuerySingleOrDefaultAsync<RunRecord>(
            new CommandDefinition($"SELECT {RunColumns} FROM runs WHERE id = @runId", new { runId }, cancellationToken: cancellationToken)), cancellationToken);

    public async ValueTask<RunPage> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, RunQuery.MaxLimit);
        var where = new List<string>();
        if (query.Status is not null)
        {
            where.Add("status = @Status");
        }
        if (query.TenantId is not null)
        {
            where.Add("tenant_id = @TenantId");
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
            // Row-value comparison (SQLite and PostgreSQL): the (created_at DESC, id DESC) index is walked from the cursor on.
            where.Add("(created_at, id) < (@AfterCreatedAt, @AfterId)");
        }
        var sql =
            "SELECT id AS Id, workflow_id AS WorkflowId, workflow_name AS WorkflowName, status AS Status, created_at AS CreatedAt, " +
            "started_at AS StartedAt, finished_at AS FinishedAt, error AS Error, origin AS Origin, started_by AS StartedBy FROM runs " +
            (where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "") +
            " ORDER BY created_at DESC, id DESC LIMIT @Take";
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RunSummary>(new CommandDefinition(sql, new
        {
            query.Status, query.TenantId, query.WorkflowId, query.CreatedFrom, query.CreatedTo,
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
        return (await connection.QueryAsync<NodeRunRecord>(new CommandDefinition(
            $"SELECT {NodeColumns} FROM node_runs WHERE run_id = @runId ORDER BY ordinal", new { runId }, cancellationToken: cancellationToken))).AsList();
    }

    public async ValueTask<IReadOnlyList<NodeRunRecord>> GetNodeRunsAsync(string runId, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default)
    {
        if (nodeIds.Count == 0)
        {
            return [];
        }
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<NodeRunRecord>(new CommandDefinition(
            $"SELECT {NodeColumns} FROM node_runs WHERE run_id = @runId AND {_database.InList("node_id", "nodeIds")}",
            new { runId, nodeIds = nodeIds.ToArray() }, cancellationToken: cancellationToken))).AsList();
        return await _blobs.ExpandAsync(connection, rows, cancellationToken);
    }

    public ValueTask<NodeInputs> GetNodeInputsAsync(string runId, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default) =>
        _database.ReadAsync(connection => ReadNodeInputsAsync(connection, runId, nodeIds, cancellationToken), cancellationToken);

    private async ValueTask<NodeInputs> ReadNodeInputsAsync(DbConnection connection, string runId, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken)
    {
        var revision = await connection.ExecuteScalarAsync<int>(
            new CommandDefinition("SELECT revision FROM runs WHERE id = @runId", new { runId }, cancellationToken: cancellationToken));
        var rows = (await connection.QueryAsync<NodeRunRecord>(new CommandDefinition(
            $"SELECT {NodeColumns} FROM node_runs WHERE run_id = @runId AND {_database.InList("node_id", "nodeIds")}",
            new { runId, nodeIds = nodeIds.ToArray() }, cancellationToken: cancellationToken))).AsList();
        return new NodeInputs(revision, await _blobs.ExpandAsync(connection, rows, cancellationToken));
    }

    public async ValueTask<IReadOnlyList<NodeAttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<NodeAttemptRecord>(new CommandDefinition(
            "SELECT run_id AS RunId, node_id AS NodeId, attempt AS Attempt, tool AS Tool, started_at AS StartedAt, finished_at AS FinishedAt, " +
            "outcome AS Outcome, error AS Error FROM node_attempts WHERE run_id = @runId ORDER BY started_at, node_id, attempt",
            new { runId }, cancellationToken: cancellationToken))).AsList();
    }

    public ValueTask<IReadOnlyList<NodeAttemptRecord>> GetAttemptsAsync(string runId, string nodeId, CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<NodeAttemptRecord>>(async connection => (await connection.QueryAsync<NodeAttemptRecord>(new CommandDefinition(
            "SELECT run_id AS RunId, node_id AS NodeId, attempt AS Attempt, tool AS Tool, started_at AS StartedAt, finished_at AS FinishedAt, " +
            "outcome AS Outcome, error AS Error FROM node_attempts WHERE run_id = @runId AND node_id = @nodeId ORDER BY attempt",
            new { runId, nodeId }, cancellationToken: cancellationToken))).AsList(), cancellationToken);

    /// <summary>The statuses of a node that is not finished, as an SQL list.</summary>
    private static readonly string UnfinishedStatuses = $"'{NodeStatus.Pending}', '{NodeStatus.Queued}', '{NodeStatus.Running}', '{NodeStatus.AwaitingApproval}', '{NodeStatus.AwaitingInput}'";

    /// <summary>The statuses of a node taken for execution or about to be, as an SQL list.</summary>
    private static readonly string InFlightStatuses = $"'{NodeStatus.Queued}', '{NodeStatus.Running}', '{NodeStatus.AwaitingApproval}', '{NodeStatus.AwaitingInput}'";

    /// <summary>
    /// 1 when any node of the run @runId is not yet terminal, else 0. Listed as the non-terminal statuses (not NOT IN the
    /// terminal ones) so it seeks ix_node_runs_run_status and stops at the first entry, instead of reading (or counting) the
    /// run's node rows: a completion costs the same early in a 5,000-node run as at its end.
    /// </summary>
    private static readonly string AnyUnfinishedSql =
        $"CASE WHEN EXISTS (SELECT 1 FROM node_runs WHERE run_id = @runId AND status IN ({UnfinishedStatuses})) THEN 1 ELSE 0 END";

    private static Task<int> CountInFlightAsync(DbConnection connection, DbTransaction transaction, string runId) =>
        connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM node_runs WHERE run_id = @runId AND status IN ({InFlightStatuses})", new { runId }, transaction);

    /// <summary>
    /// What is left of the run, in one statement: whether any node is unfinished, a pending re-plan (never for a run whose
    /// cancel was requested: a cancelled run is not re-planned), and only then the nodes in flight, which the re-plan waits for.
    /// </summary>
    private static Task<RunProgress> ProgressAsync(DbConnection connection, DbTransaction transaction, string runId) =>
        connection.QuerySingleAsync<RunProgress>(
            $"SELECT {AnyUnfinishedSql} AS AnyUnfinished, " +
            "CASE WHEN cancel_requested THEN NULL ELSE replan_node END AS ReplanNode, " +
            "CASE WHEN replan_node IS NULL OR cancel_requested THEN 0 ELSE (SELECT COUNT(*) FROM node_runs WHERE run_id = @runId " +
            $"AND status IN ({InFlightStatuses})) END AS InFlight FROM runs WHERE id = @runId",
            new { runId }, transaction);

    /// <summary>Whether any node of the run is not yet terminal (<see cref="AnyUnfinishedSql"/>).</summary>
    private static async Task<bool> AnyUnfinishedAsync(DbConnection connection, DbTransaction transaction, string runId) =>
        await connection.ExecuteScalarAsync<long>($"SELECT {AnyUnfinishedSql}", new { runId }, transaction) == 1;
}
