namespace WorkflowStudio.Engine.Tenancy;

/// <summary>A person who signs in to the studio in a browser. <see cref="PasswordHash"/> is a PBKDF2 hash made by the web host.</summary>
public sealed record StudioUser
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string UserName { get; init; }
    public required string PasswordHash { get; init; }
    public required string Role { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
