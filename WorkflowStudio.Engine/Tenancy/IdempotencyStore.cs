using Dapper;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Tenancy;

/// <summary>Idempotency keys per tenant (table <c>idempotency_keys</c>); the primary key makes the first claim win.</summary>
internal sealed class IdempotencyStore : IIdempotencyStore
{
    private readonly IDatabase _database;
    private readonly TimeProvider _time;

    public IdempotencyStore(IDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async ValueTask<IdempotencyClaim> ClaimAsync(string tenantId, string key, string requestHash, CancellationToken cancellationToken = default)
    {
        var inserted = await _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "INSERT INTO idempotency_keys (tenant_id, key, request_hash, created_at) VALUES (@tenantId, @key, @requestHash, @now) " +
            "ON CONFLICT (tenant_id, key) DO NOTHING",
            new { tenantId, key, requestHash, now = _time.GetUtcNow().ToUnixTimeMilliseconds() }, transaction), cancellationToken);
        if (inserted == 1)
        {
            return new IdempotencyClaim(true, null, false);
        }
        await using var read = await _database.OpenAsync(cancellationToken);
        var row = await read.QuerySingleAsync<Row>(new CommandDefinition(
            "SELECT request_hash AS RequestHash, run_id AS RunId FROM idempotency_keys WHERE tenant_id = @tenantId AND key = @key",
            new { tenantId, key }, cancellationToken: cancellationToken));
        return new IdempotencyClaim(false, row.RunId, !string.Equals(row.RequestHash, requestHash, StringComparison.Ordinal));
    }

    public async ValueTask CompleteAsync(string tenantId, string key, string runId, CancellationToken cancellationToken = default) =>
        await _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "UPDATE idempotency_keys SET run_id = @runId WHERE tenant_id = @tenantId AND key = @key", new { tenantId, key, runId }, transaction),
            cancellationToken);

    public async ValueTask ReleaseAsync(string tenantId, string key, CancellationToken cancellationToken = default) =>
        await _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE tenant_id = @tenantId AND key = @key AND run_id IS NULL", new { tenantId, key }, transaction),
            cancellationToken);

    private sealed record Row(string RequestHash, string? RunId);
}
