using System.Data.Common;
using Dapper;

namespace WorkflowStudio.Engine.Tenancy;

internal sealed partial class TenantDirectory
{
    public async ValueTask<StudioUser> CreateUserAsync(string tenantId, string userName, string passwordHash, string role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        if (!TenantRoles.IsValid(role))
        {
            throw new ArgumentException($"Unknown role '{role}'; use {string.Join(", ", TenantRoles.All)}.", nameof(role));
        }
        await EnsureTenantAsync(tenantId, cancellationToken: cancellationToken);
        var user = new StudioUser
        {
            Id = Guid.CreateVersion7().ToString("N"), TenantId = tenantId, UserName = userName.Trim(), PasswordHash = passwordHash,
            Role = role, CreatedAt = _time.GetUtcNow(),
        };
        try
        {
            await _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(
                "INSERT INTO users (id, tenant_id, user_name, password_hash, role, created_at) VALUES (@Id, @TenantId, @UserName, @PasswordHash, @Role, @at)",
                new { user.Id, user.TenantId, user.UserName, user.PasswordHash, user.Role, at = user.CreatedAt.ToUnixTimeMilliseconds() }, transaction),
                cancellationToken);
        }
        catch (DbException exception) when (IsUniqueViolation(exception))
        {
            throw new InvalidOperationException($"A user named '{user.UserName}' already exists; pick another name.", exception);
        }
        return user;
    }

    public async ValueTask<StudioUser?> FindUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            "SELECT id AS Id, tenant_id AS TenantId, user_name AS UserName, password_hash AS PasswordHash, role AS Role, created_at AS CreatedAt " +
            "FROM users WHERE user_name = @userName", new { userName }, cancellationToken: cancellationToken));
        return row is null ? null : new StudioUser
        {
            Id = row.Id, TenantId = row.TenantId, UserName = row.UserName, PasswordHash = row.PasswordHash, Role = row.Role,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
        };
    }

    public async ValueTask<int> CountUsersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: cancellationToken));
    }

    private sealed record UserRow(string Id, string TenantId, string UserName, string PasswordHash, string Role, long CreatedAt);
}
