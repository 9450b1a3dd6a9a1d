using Microsoft.Extensions.Time.Testing;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Workflows.Hooks;
using WorkflowStudio.Tests.Infrastructure;

namespace WorkflowStudio.Tests.Workflows.Hooks;

/// <summary>The webhook store on both databases (migration 0015): every change names the tenant and the workflow; a deleted hook is gone.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WebhookStoreTests(PostgresServer server) : IAsyncLifetime
{
    private readonly MigratedDatabases _databases = new(server, "webhooks");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Store_CreateListRotateTouchDelete_RoundTripsWithinTheTenantOnly(string dialect)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_767_000_000_000));
        var store = new WebhookStore(await _databases.OpenAsync(dialect), time);
        var mapping = new Dictionary<string, string> { ["email"] = "/customer/email", ["all"] = "" };

        var hook = await store.CreateAsync("acme", "wf", "protected-1", mapping, "sync");
        await store.CreateAsync("acme", "other-wf", "protected-2", new Dictionary<string, string>(), "async");

        Assert.Matches("^hk_[0-9a-f]{32}$", hook.Id);
        var found = (await store.FindAsync(hook.Id))!;
        Assert.Equal(("acme", "wf", "protected-1", "sync", time.GetUtcNow(), (DateTimeOffset?)null),
            (found.TenantId, found.WorkflowId, found.ProtectedSecret, found.Mode, found.CreatedAt, found.LastUsedAt));
        Assert.Equal(mapping, found.Mapping);
        Assert.Equal([hook.Id], (await store.ListAsync("acme", "wf")).Select(h => h.Id));
        Assert.Empty(await store.ListAsync("globex", "wf"));

        Assert.False(await store.RotateAsync("globex", "wf", hook.Id, "stolen"));
        Assert.False(await store.RotateAsync("acme", "other-wf", hook.Id, "stolen"));
        Assert.True(await store.RotateAsync("acme", "wf", hook.Id, "protected-3"));
        Assert.Equal("protected-3", (await store.FindAsync(hook.Id))!.ProtectedSecret);

        time.Advance(TimeSpan.FromMinutes(5));
        await store.TouchAsync(hook.Id);
        Assert.Equal(time.GetUtcNow(), (await store.FindAsync(hook.Id))!.LastUsedAt);

        Assert.False(await store.DeleteAsync("globex", "wf", hook.Id));
        Assert.True(await store.DeleteAsync("acme", "wf", hook.Id));
        Assert.False(await store.DeleteAsync("acme", "wf", hook.Id));
        Assert.Null(await store.FindAsync(hook.Id));
        Assert.Empty(await store.ListAsync("acme", "wf"));
        Assert.False(await store.RotateAsync("acme", "wf", hook.Id, "again"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _databases.DisposeAsync();
}
