using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tests.Infrastructure;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;
using WorkflowStudio.Engine.Workflows.Store;
using WorkflowStudio.Tests.Persistence;

namespace WorkflowStudio.Tests.Workflows.Store;

/// <summary>
/// Saved workflows on both dialects. PostgreSQL's <c>version</c> column is a 32-bit INTEGER where SQLite hands every
/// integer back as 64 bits, and SQLite types an empty result's computed columns as BLOB: rows must read either way.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WorkflowStoreTests(PostgresServer server)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task GetAndList_SavedVersions_ReadBack(string dialect)
    {
        await using var databases = new MigratedDatabases(server, "wfstore");
        var store = new WorkflowStore(await databases.OpenAsync(dialect), TimeProvider.System);
        Assert.Empty(await store.ListAsync(tenantId: "acme"));
        var first = await store.SaveAsync(null, Diamond(), tenantId: "acme");
        await store.SaveAsync(first.Id, Diamond() with { Name = "renamed" }, tenantId: "acme");

        var latest = await store.GetAsync(first.Id);
        var older = await store.GetAsync(first.Id, 1);
        var versions = await store.ListVersionsAsync(first.Id);
        var list = await store.ListAsync(tenantId: "acme");

        Assert.Equal(("renamed", 2, "acme"), (latest!.Name, latest.Version, latest.TenantId));
        Assert.Equal(4, older!.Definition.Nodes.Count);
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal((first.Id, 2), (Assert.Single(list).Id, list[0].Version));
        Assert.Empty(await store.ListAsync(tenantId: "globex"));
        Assert.Empty(await store.ListVersionsAsync("nope"));
    }
}
