namespace WorkflowStudio.Engine.Tenancy;

/// <summary>An API key as listed: never the key itself, only its first characters (<see cref="Prefix"/>).</summary>
public sealed record ApiKeyInfo
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string Name { get; init; }
    public required string Prefix { get; init; }
    public required string Role { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public bool Revoked => RevokedAt is not null;
}
