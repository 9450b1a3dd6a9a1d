using System.Data.Common;
using Dapper;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Tenancy;

/// <summary>Tenants, keys and users in the studio database (<c>migrations/*/0005_tenancy.sql</c>).</summary>
internal sealed partial class TenantDirectory : ITenantDirectory
{
    /// <summary>Last-used times are written at most this often per key, so authenticating stays a read.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private const string KeyColumns =
        "id AS Id, tenant_id AS TenantId, name AS Name, prefix AS Prefix, role AS Role, created_at AS CreatedAt, " +
        "last_used_at AS LastUsedAt, revoked_at AS RevokedAt";

    private readonly IDatabase _database;
    private readonly TimeProvider _time;

    public TenantDirectory(IDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async ValueTask<Tenant> EnsureTenantAsync(string tenantId, string? tier = null, CancellationToken cancellationToken = default)
    {
        if (!Tenant.IsValidId(tenantId))
        {
            throw new ArgumentException($"Tenant id '{tenantId}' is not valid: use up to {Tenant.MaxIdLength} lower-case letters, digits, '-' or '_'.", nameof(tenantId));
        }
        var canonicalTier = tier is null ? null : PricingTiers.Canonical(tier)
            ?? throw new ArgumentException($"Unknown tier '{tier}'; use one of {string.Join(", ", PricingTiers.All)} (or simple, orchestrated, enterprise).", nameof(tier));
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await _database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "INSERT INTO tenants (id, name, tier, created_at) VALUES (@tenantId, @tenantId, @tier, @now) ON CONFLICT (id) DO NOTHING",
                new { tenantId, tier = canonicalTier ?? PricingTiers.Orchestrated, now }, transaction);
            if (canonicalTier is not null)
            {
                await connection.ExecuteAsync("UPDATE tenants SET tier = @canonicalTier WHERE id = @tenantId", new { tenantId, canonicalTier }, transaction);
            }
            return true;
        }, cancellationToken);
        return (await GetTenantAsync(tenantId, cancellationToken))!;
    }

    public async ValueTask<Tenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TenantRow>(new CommandDefinition(
            "SELECT id AS Id, name AS Name, tier AS Tier, created_at AS CreatedAt FROM tenants WHERE id = @tenantId",
            new { tenantId }, cancellationToken: cancellationToken));
        return row is null ? null : new Tenant(row.Id, row.Name, row.Tier, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt));
    }

    public async ValueTask<CreatedApiKey> CreateApiKeyAsync(string tenantId, string role, string name, CancellationToken cancellationToken = default)
    {
        if (!TenantRoles.IsValid(role))
        {
            throw new ArgumentException($"Unknown role '{role}'; use {string.Join(", ", TenantRoles.All)}.", nameof(role));
        }
        _ = await GetTenantAsync(tenantId, cancellationToken)
            ?? throw new ArgumentException($"Tenant '{tenantId}' does not exist; create it first (studio apikey create --tenant {tenantId} does).", nameof(tenantId));
        var secret = ApiKeySecrets.Generate();
        var info = new ApiKeyInfo
        {
            Id = Guid.CreateVersion7().ToString("N"),
            TenantId = tenantId,
            Name = string.IsNullOrWhiteSpace(name) ? "key" : name.Trim(),
            Prefix = secret[..ApiKeySecrets.VisiblePrefixLength],
            Role = role,
            CreatedAt = _time.GetUtcNow(),
        };
        await _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "INSERT INTO api_keys (id, tenant_id, name, prefix, hash, role, created_at) VALUES (@Id, @TenantId, @Name, @Prefix, @hash, @Role, @at)",
            new { info.Id, info.TenantId, info.Name, info.Prefix, hash = ApiKeySecrets.Hash(secret), info.Role, at = info.CreatedAt.ToUnixTimeMilliseconds() },
            transaction), cancellationToken);
        return new CreatedApiKey(info, secret);
    }

    public async ValueTask<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync(string? tenantId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            $"SELECT {KeyColumns} FROM api_keys WHERE (@tenantId IS NULL OR tenant_id = @tenantId) ORDER BY created_at DESC, id DESC",
            new { tenantId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToInfo()).ToArray();
    }

    public async ValueTask<bool> RevokeApiKeyAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return await _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
            "UPDATE api_keys SET revoked_at = @now WHERE (id = @idOrPrefix OR prefix = @idOrPrefix) AND revoked_at IS NULL",
            new { idOrPrefix, now }, transaction) > 0, cancellationToken);
    }

    public async ValueTask<ApiKeyInfo?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!ApiKeySecrets.LooksValid(secret))
        {
            return null;
        }
        KeyRow? row;
        await using (var connection = await _database.OpenAsync(cancellationToken))
        {
            row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
                $"SELECT {KeyColumns} FROM api_keys WHERE hash = @hash AND revoked_at IS NULL",
                new { hash = ApiKeySecrets.Hash(secret) }, cancellationToken: cancellationToken));
        }
        if (row is null)
        {
            return null;
        }
        var now = _time.GetUtcNow();
        if (row.LastUsedAt is null || now.ToUnixTimeMilliseconds() - row.LastUsedAt >= (long)LastUsedResolution.TotalMilliseconds)
        {
            await _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
                "UPDATE api_keys SET last_used_at = @at WHERE id = @Id", new { row.Id, at = now.ToUnixTimeMilliseconds() }, transaction), cancellationToken);
            return row.ToInfo() with { LastUsedAt = now };
        }
        return row.ToInfo();
    }

    private sealed record TenantRow(string Id, string Name, string Tier, long CreatedAt);

    private sealed record KeyRow(string Id, string TenantId, string Name, string Prefix, string Role, long CreatedAt, long? LastUsedAt, long? RevokedAt)
    {
        public ApiKeyInfo ToInfo() => new()
        {
            Id = Id, TenantId = TenantId, Name = Name, Prefix = Prefix, Role = Role,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            LastUsedAt = LastUsedAt is { } used ? DateTimeOffset.FromUnixTimeMilliseconds(used) : null,
            RevokedAt = RevokedAt is { } revoked ? DateTimeOffset.FromUnixTimeMilliseconds(revoked) : null,
        };
    }

    internal static bool IsUniqueViolation(DbException exception) =>
        exception.SqlState == "23505" || exception.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal);
}
