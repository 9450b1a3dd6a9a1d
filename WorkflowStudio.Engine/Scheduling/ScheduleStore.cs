using System.Text.Json;
using Dapper;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Scheduling;

/// <summary>
/// Schedules in the studio database (table <c>schedules</c>, migrations 0002 and 0006): the truth that Hangfire's
/// recurring jobs are rebuilt from. The last run's status is read from the journal, never copied.
/// </summary>
internal sealed class ScheduleStore
{
    private const string Select =
        "SELECT s.id AS Id, s.workflow_id AS WorkflowId, s.cron AS Cron, s.time_zone AS TimeZone, s.inputs AS Inputs, s.paused AS Paused, " +
        "s.created_at AS CreatedAt, s.last_run_id AS LastRunId, s.last_run_at AS LastRunAt, r.status AS LastRunStatus, s.last_error AS LastError " +
        "FROM schedules s LEFT JOIN runs r ON r.id = s.last_run_id";

    private readonly IDatabase _database;

    public ScheduleStore(IDatabase database) => _database = database;

    public async ValueTask InsertAsync(Schedule schedule, CancellationToken cancellationToken = default)
    {
        var inputs = JsonSerializer.Serialize(schedule.Inputs.ToDictionary(p => p.Key, p => p.Value), EngineJson.Default.DictionaryStringJsonElement);
        await _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "INSERT INTO schedules (id, workflow_id, cron, time_zone, inputs, paused, created_at) " +
            "VALUES (@Id, @WorkflowId, @Cron, @TimeZone, @inputs, @Paused, @createdAt)",
            new { schedule.Id, schedule.WorkflowId, schedule.Cron, schedule.TimeZone, inputs, schedule.Paused, createdAt = schedule.CreatedAt.ToUnixTimeMilliseconds() },
            transaction), cancellationToken);
    }

    public async ValueTask<Schedule?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE s.id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToSchedule();
    }

    /// <summary>Every schedule, newest first.</summary>
    public async ValueTask<IReadOnlyList<Schedule>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"{Select} ORDER BY s.created_at DESC, s.id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSchedule()).ToArray();
    }

    public ValueTask<bool> SetPausedAsync(string id, bool paused, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE schedules SET paused = @paused WHERE id = @id", new { id, paused }, cancellationToken);

    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM schedules WHERE id = @id", new { id }, cancellationToken);

    /// <summary>A firing started run <paramref name="runId"/>; clears the last error.</summary>
    public ValueTask<bool> RecordRunAsync(string id, string runId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE schedules SET last_run_id = @runId, last_run_at = @at, last_error = NULL WHERE id = @id",
            new { id, runId, at = at.ToUnixTimeMilliseconds() }, cancellationToken);

    /// <summary>A firing could not start a run; the previous run stays the last run.</summary>
    public ValueTask<bool> RecordErrorAsync(string id, string error, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE schedules SET last_error = @error WHERE id = @id", new { id, error }, cancellationToken);

    private async ValueTask<bool> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        await _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(sql, parameters, transaction) == 1, cancellationToken);

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string WorkflowId { get; init; } = "";
        public string Cron { get; init; } = "";
        public string TimeZone { get; init; } = "";
        public string Inputs { get; init; } = "{}";
        public bool Paused { get; init; }
        public long CreatedAt { get; init; }
        public string? LastRunId { get; init; }
        public long? LastRunAt { get; init; }
        public string? LastRunStatus { get; init; }
        public string? LastError { get; init; }

        public Schedule ToSchedule() => new()
        {
            Id = Id,
            WorkflowId = WorkflowId,
            Cron = Cron,
            TimeZone = TimeZone,
            Inputs = JsonSerializer.Deserialize(Inputs, EngineJson.Default.DictionaryStringJsonElement) ?? [],
            Paused = Paused,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            LastRunId = LastRunId,
            LastRunAt = LastRunAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
            LastRunStatus = LastRunStatus,
            LastError = LastError,
        };
    }
}
