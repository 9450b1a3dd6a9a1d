using Dapper;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Workflows.Store;

/// <summary>Saved workflow versions in the studio database (table <c>workflows</c>, migration 0002).</summary>
internal sealed class WorkflowStore : IWorkflowStore
{
    private const string InfoColumns = "id AS Id, version AS Version, name AS Name, created_at AS CreatedAt, note AS Note";

    private readonly IDatabase _database;
    private readonly TimeProvider _time;

    public WorkflowStore(IDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async ValueTask<SavedWorkflow> SaveAsync(string? workflowId, WorkflowDefinition definition, string? note = null, string? tenantId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var tenant = tenantId ?? Tenancy.Tenant.DefaultId;
        var id = string.IsNullOrWhiteSpace(workflowId) ? Guid.CreateVersion7().ToString("N") : workflowId;
        var json = WorkflowJson.Serialize(definition);
        var at = _time.GetUtcNow();
        var version = await _database.WriteAsync(async (connection, transaction) =>
        {
            var next = await connection.ExecuteScalarAsync<int>(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM workflows WHERE id = @id", new { id }, transaction);
            await connection.ExecuteAsync(
                "INSERT INTO workflows (id, version, name, definition, created_at, note, tenant_id) VALUES (@id, @next, @name, @json, @at, @note, @tenant)",
                new { id, next, name = definition.Name, json, at = at.ToUnixTimeMilliseconds(), note, tenant }, transaction);
            return next;
        }, cancellationToken);
        return new SavedWorkflow { Id = id, Version = version, Name = definition.Name, Definition = definition, CreatedAt = at, Note = note, TenantId = tenant };
    }

    public async ValueTask<SavedWorkflow?> GetAsync(string workflowId, int? version = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT id AS Id, version AS Version, name AS Name, definition AS Definition, created_at AS CreatedAt, note AS Note, tenant_id AS TenantId FROM workflows " +
            "WHERE id = @workflowId AND (@version IS NULL OR version = @version) ORDER BY version DESC LIMIT 1",
            new { workflowId, version }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }
        var parsed = WorkflowJson.Parse(row.Definition);
        var definition = parsed.Workflow
            ?? throw new InvalidDataException($"Saved workflow {workflowId} version {row.Version} no longer parses: {string.Join("; ", parsed.Errors)}");
        return new SavedWorkflow
        {
            Id = row.Id, Version = (int)row.Version, Name = row.Name, Definition = definition,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt), Note = row.Note, TenantId = row.TenantId,
        };
    }

    public async ValueTask<IReadOnlyList<SavedWorkflowInfo>> ListAsync(int limit = 200, string? tenantId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<InfoRow>(new CommandDefinition(
            $"SELECT {InfoColumns} FROM workflows w WHERE version = (SELECT MAX(version) FROM workflows WHERE id = w.id) " +
            "AND (@tenantId IS NULL OR tenant_id = @tenantId) ORDER BY created_at DESC, id LIMIT @limit", new { limit, tenantId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToInfo()).ToArray();
    }

    public async ValueTask<IReadOnlyList<SavedWorkflowInfo>> ListVersionsAsync(string workflowId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<InfoRow>(new CommandDefinition(
            $"SELECT {InfoColumns} FROM workflows WHERE id = @workflowId ORDER BY version DESC", new { workflowId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToInfo()).ToArray();
    }

    public async ValueTask<SavedWorkflow> RestoreAsync(string workflowId, int version, CancellationToken cancellationToken = default)
    {
        var old = await GetAsync(workflowId, version, cancellationToken)
            ?? throw new KeyNotFoundException($"Workflow {workflowId} has no version {version}; list its versions to pick one.");
        return await SaveAsync(workflowId, old.Definition, $"restored from version {version}", old.TenantId, cancellationToken);
    }

    // Rows with settable properties, not positional records: Dapper converts a column to a property's type, but matches a
    // constructor only on exact types, and `version` is Int64 on SQLite and Int32 (INTEGER) on PostgreSQL.
    private sealed record Row
    {
        public string Id { get; init; } = "";
        public long Version { get; init; }
        public string Name { get; init; } = "";
        public string Definition { get; init; } = "";
        public long CreatedAt { get; init; }
        public string? Note { get; init; }
        public string TenantId { get; init; } = "";
    }

    private sealed record InfoRow
    {
        public string Id { get; init; } = "";
        public long Version { get; init; }
        public string Name { get; init; } = "";
        public long CreatedAt { get; init; }
        public string? Note { get; init; }

        public SavedWorkflowInfo ToInfo() => new(Id, (int)Version, Name, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), Note);
    }
}
