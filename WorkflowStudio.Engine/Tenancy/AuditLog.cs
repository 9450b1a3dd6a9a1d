using Dapper;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Tenancy;

/// <summary>The audit log in the studio database (table <c>audit_log</c>).</summary>
internal sealed class AuditLog : IAuditLog
{
    /// <summary>Details are for people; longer ones are cut so the log never stores payloads.</summary>
    private const int MaxDetailLength = 500;

    private readonly IDatabase _database;
    private readonly TimeProvider _time;

    public AuditLog(IDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async ValueTask RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var detail = entry.Detail is { Length: > MaxDetailLength } text ? text[..MaxDetailLength] : entry.Detail;
        await _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "INSERT INTO audit_log (at, tenant_id, actor, action, target, detail) VALUES (@at, @TenantId, @Actor, @Action, @Target, @detail)",
            new { at = _time.GetUtcNow().ToUnixTimeMilliseconds(), entry.TenantId, entry.Actor, entry.Action, entry.Target, detail }, transaction),
            cancellationToken);
    }

    public async ValueTask<IReadOnlyList<AuditEntry>> ListAsync(string tenantId, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT at AS At, tenant_id AS TenantId, actor AS Actor, action AS Action, target AS Target, detail AS Detail FROM audit_log " +
            "WHERE tenant_id = @tenantId ORDER BY at DESC, id DESC LIMIT @limit", new { tenantId, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new AuditEntry(r.TenantId, r.Actor, r.Action, r.Target, r.Detail) { At = DateTimeOffset.FromUnixTimeMilliseconds(r.At) }).ToArray();
    }

    private sealed record Row(long At, string TenantId, string Actor, string Action, string? Target, string? Detail);
}
