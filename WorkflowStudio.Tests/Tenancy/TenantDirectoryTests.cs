using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Tests.Execution;

namespace WorkflowStudio.Tests.Tenancy;

/// <summary>Tenants and API keys on the real SQLite database of an engine host.</summary>
public sealed class TenantDirectoryTests : IAsyncLifetime
{
    private EngineFixture _engine = default!;

    public async Task InitializeAsync() => _engine = await EngineFixture.StartAsync();

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private ITenantDirectory Tenants => _engine.Services.GetRequiredService<ITenantDirectory>();

    [Fact]
    public async Task CreateApiKey_StoresOnlyTheHash()
    {
        await Tenants.EnsureTenantAsync("acme", "enterprise");
        var created = await Tenants.CreateApiKeyAsync("acme", TenantRoles.Editor, "ci");

        Assert.StartsWith(ApiKeySecrets.Prefix, created.Secret, StringComparison.Ordinal);
        Assert.True(created.Secret.Length >= 47); // wfs_ + 43 characters of base64url = 256 bits
        await using var connection = await _engine.Services.GetRequiredService<IDatabase>().OpenAsync();
        var stored = (await connection.QueryAsync<string>("SELECT id || prefix || hash || name || role FROM api_keys")).Single();
        Assert.DoesNotContain(created.Secret, stored, StringComparison.Ordinal);
        Assert.Contains(ApiKeySecrets.Hash(created.Secret), stored, StringComparison.Ordinal);
        Assert.Equal("enterprise_automation", (await Tenants.GetTenantAsync("acme"))!.Tier);
    }

    [Fact]
    public async Task Authenticate_RecordsLastUseAndRefusesRevokedAndUnknownKeys()
    {
        await Tenants.EnsureTenantAsync("acme");
        var created = await Tenants.CreateApiKeyAsync("acme", TenantRoles.Viewer, "ci");

        var known = await Tenants.AuthenticateAsync(created.Secret);
        Assert.Equal("acme", known!.TenantId);
        Assert.NotNull((await Tenants.ListApiKeysAsync("acme")).Single().LastUsedAt);
        Assert.Null(await Tenants.AuthenticateAsync(created.Secret[..^1] + (created.Secret[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(await Tenants.AuthenticateAsync("not-a-key"));

        Assert.True(await Tenants.RevokeApiKeyAsync(created.Info.Prefix));
        Assert.Null(await Tenants.AuthenticateAsync(created.Secret));
        Assert.False(await Tenants.RevokeApiKeyAsync(created.Info.Prefix));
        Assert.True((await Tenants.ListApiKeysAsync("acme")).Single().Revoked);
    }

    [Theory]
    [InlineData("Acme", "lower-case")]
    [InlineData("a b", "lower-case")]
    [InlineData("", "lower-case")]
    public async Task EnsureTenant_BadId_SaysHowToFixIt(string id, string hint)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await Tenants.EnsureTenantAsync(id));
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureTenant_UnknownTier_ListsTheTiers()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await Tenants.EnsureTenantAsync("acme", "gold"));
        Assert.Contains("orchestrated_workflows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_TwiceWithOneName_IsRefused()
    {
        await Tenants.CreateUserAsync("default", "ada", "hash", TenantRoles.Admin);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Tenants.CreateUserAsync("default", "ada", "hash", TenantRoles.Viewer));
        Assert.Equal(1, await Tenants.CountUsersAsync());
    }

    [Fact]
    public async Task Idempotency_FirstClaimWinsAndRetriesSeeItsRun()
    {
        var store = _engine.Services.GetRequiredService<IIdempotencyStore>();

        var first = await store.ClaimAsync("acme", "k", "h1");
        var during = await store.ClaimAsync("acme", "k", "h1");
        await store.CompleteAsync("acme", "k", "run-1");
        var after = await store.ClaimAsync("acme", "k", "h1");
        var changed = await store.ClaimAsync("acme", "k", "h2");
        var otherTenant = await store.ClaimAsync("globex", "k", "h1");

        Assert.True(first.Claimed);
        Assert.Equal(new IdempotencyClaim(false, null, false), during);
        Assert.Equal(new IdempotencyClaim(false, "run-1", false), after);
        Assert.True(changed.Conflict);
        Assert.True(otherTenant.Claimed);
    }
}
