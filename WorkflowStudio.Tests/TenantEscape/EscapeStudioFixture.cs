namespace WorkflowStudio.Tests.TenantEscape;

/// <summary>One seeded two-tenant studio shared by the suite's tests of one storage dialect.</summary>
public abstract class EscapeStudioFixture : IAsyncLifetime
{
    internal EscapeStudio Studio { get; private set; } = default!;

    public async Task InitializeAsync() => Studio = await StartAsync();

    public virtual async Task DisposeAsync()
    {
        if (Studio is not null)
        {
            await Studio.DisposeAsync();
        }
    }

    internal abstract Task<EscapeStudio> StartAsync();
}
