namespace WorkflowStudio.Engine.Tenancy;

/// <summary>Tenants, their API keys and their browser users.</summary>
public interface ITenantDirectory
{
    /// <summary>Creates the tenant when it does not exist; sets its tier when <paramref name="tier"/> is given.</summary>
    ValueTask<Tenant> EnsureTenantAsync(string tenantId, string? tier = null, CancellationToken cancellationToken = default);

    ValueTask<Tenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Creates a key for an existing tenant; the secret is in the answer only.</summary>
    ValueTask<CreatedApiKey> CreateApiKeyAsync(string tenantId, string role, string name, CancellationToken cancellationToken = default);

    /// <summary>Keys of one tenant (every tenant when null), newest first, revoked ones included.</summary>
    ValueTask<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync(string? tenantId = null, CancellationToken cancellationToken = default);

    /// <summary>Revokes a key by its id or its listed prefix; false when no active key matches.</summary>
    ValueTask<bool> RevokeApiKeyAsync(string idOrPrefix, CancellationToken cancellationToken = default);

    /// <summary>The active key whose hash matches <paramref name="secret"/>, its last-used time refreshed; null otherwise.</summary>
    ValueTask<ApiKeyInfo?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default);

    /// <summary>Creates a user; throws <see cref="InvalidOperationException"/> when the name is taken.</summary>
    ValueTask<StudioUser> CreateUserAsync(string tenantId, string userName, string passwordHash, string role, CancellationToken cancellationToken = default);

    ValueTask<StudioUser?> FindUserAsync(string userName, CancellationToken cancellationToken = default);

    ValueTask<int> CountUsersAsync(CancellationToken cancellationToken = default);
}
