using Dapper;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// The <c>tool_cache</c> table: outputs of successful calls of nodes with <c>"cache"</c>, per tenant and key, reused until
/// they expire. Expired rows are never returned; they are deleted when a new output is stored.
/// </summary>
internal sealed class ToolResultCache
{
    private readonly IDatabase _database;

    public ToolResultCache(IDatabase database) => _database = database;

    /// <summary>The stored output (JSON) under <paramref name="key"/> for <paramref name="tenantId"/>, if it is still live at <paramref name="now"/>.</summary>
    public ValueTask<string?> FindAsync(string tenantId, string key, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _database.ReadAsync(async connection => await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT output FROM tool_cache WHERE tenant_id = @tenantId AND cache_key = @key AND expires_at > @now",
            new { tenantId, key, now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Stores (or replaces) the output under <paramref name="key"/> until <paramref name="now"/> + <paramref name="ttl"/>.</summary>
    public ValueTask StoreAsync(string tenantId, string key, string tool, string output, DateTimeOffset now, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        new(_database.WriteAsync(async (connection, transaction) =>
        {
            var at = now.ToUnixTimeMilliseconds();
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM tool_cache WHERE expires_at <= @at", new { at }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO tool_cache (tenant_id, cache_key, tool, output, created_at, expires_at) VALUES (@tenantId, @key, @tool, @output, @at, @expiresAt) " +
                "ON CONFLICT (tenant_id, cache_key) DO UPDATE SET tool = excluded.tool, output = excluded.output, created_at = excluded.created_at, expires_at = excluded.expires_at",
                new { tenantId, key, tool, output, at, expiresAt = (now + ttl).ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
            return true;
        }, cancellationToken).AsTask());
}
