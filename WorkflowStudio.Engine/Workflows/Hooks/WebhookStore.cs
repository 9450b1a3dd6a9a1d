using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Workflows.Hooks;

/// <summary>Webhooks in the studio database (table <c>webhooks</c>, migration 0015).</summary>
internal sealed class WebhookStore(IDatabase database, TimeProvider time) : IWebhookStore
{
    private const string Columns = "id AS Id, tenant_id AS TenantId, workflow_id AS WorkflowId, secret AS Secret, mapping AS Mapping, mode AS Mode, " +
        "created_at AS CreatedAt, last_used_at AS LastUsedAt";

    /// <summary>Ids are <c>hk_</c> + 32 hex digits (128 random bits): a hook's URL cannot be guessed.</summary>
    public const string IdPrefix = "hk_";

    public async ValueTask<Webhook> CreateAsync(string tenantId, string workflowId, string protectedSecret, IReadOnlyDictionary<string, string> mapping,
        string mode, CancellationToken cancellationToken = default)
    {
        var hook = new Webhook(IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), tenantId, workflowId, protectedSecret,
            mapping, mode, time.GetUtcNow(), null);
        await database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "INSERT INTO webhooks (id, tenant_id, workflow_id, secret, mapping, mode, created_at, deleted) " +
            "VALUES (@Id, @TenantId, @WorkflowId, @ProtectedSecret, @mapping, @Mode, @at, 0)",
            new { hook.Id, hook.TenantId, hook.WorkflowId, hook.ProtectedSecret, mapping = JsonSerializer.Serialize(mapping), hook.Mode,
                at = hook.CreatedAt.ToUnixTimeMilliseconds() }, transaction), cancellationToken);
        return hook;
    }

    public async ValueTask<Webhook?> FindAsync(string hookId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM webhooks WHERE id = @hookId AND deleted = 0", new { hookId }, cancellationToken: cancellationToken));
        return row?.ToWebhook();
    }

    public async ValueTask<IReadOnlyList<Webhook>> ListAsync(string tenantId, string workflowId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM webhooks WHERE tenant_id = @tenantId AND workflow_id = @workflowId AND deleted = 0 ORDER BY created_at, id",
            new { tenantId, workflowId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToWebhook()).ToList();
    }

    public async ValueTask<bool> RotateAsync(string tenantId, string workflowId, string hookId, string protectedSecret,
        CancellationToken cancellationToken = default) =>
        await database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "UPDATE webhooks SET secret = @protectedSecret WHERE id = @hookId AND tenant_id = @tenantId AND workflow_id = @workflowId AND deleted = 0",
            new { protectedSecret, hookId, tenantId, workflowId }, transaction), cancellationToken) == 1;

    public async ValueTask<bool> DeleteAsync(string tenantId, string workflowId, string hookId, CancellationToken cancellationToken = default) =>
        await database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "UPDATE webhooks SET deleted = 1 WHERE id = @hookId AND tenant_id = @tenantId AND workflow_id = @workflowId AND deleted = 0",
            new { hookId, tenantId, workflowId }, transaction), cancellationToken) == 1;

    public async ValueTask TouchAsync(string hookId, CancellationToken cancellationToken = default) =>
        await database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "UPDATE webhooks SET last_used_at = @now WHERE id = @hookId", new { hookId, now = time.GetUtcNow().ToUnixTimeMilliseconds() }, transaction),
            cancellationToken);

    private sealed record Row(string Id, string TenantId, string WorkflowId, string Secret, string Mapping, string Mode, long CreatedAt, long? LastUsedAt)
    {
        public Webhook ToWebhook() => new(Id, TenantId, WorkflowId, Secret,
            JsonSerializer.Deserialize<Dictionary<string, string>>(Mapping) ?? [], Mode,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), LastUsedAt is { } used ? DateTimeOffset.FromUnixTimeMilliseconds(used) : null);
    }
}
