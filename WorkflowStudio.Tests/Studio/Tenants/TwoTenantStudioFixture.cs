namespace WorkflowStudio.Tests.Studio.Tenants;

/// <summary>One <see cref="TwoTenantStudio"/> per test class, for tests that only read its seeded data (or add their own).</summary>
public sealed class TwoTenantStudioFixture : IAsyncLifetime
{
    internal TwoTenantStudio Studio { get; private set; } = default!;

    public async Task InitializeAsync() => Studio = await TwoTenantStudio.StartAsync();

    public async Task DisposeAsync() => await Studio.DisposeAsync();
}
