using System.Text.Json;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Scheduling;
using WorkflowStudio.Tests.Infrastructure;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Store;

namespace WorkflowStudio.Tests.Scheduling;

/// <summary>The schedule store on both databases (SQLite and PostgreSQL, migrations 0002 + 0006).</summary>
[Collection(PostgresCollection.Name)]
public sealed class ScheduleStoreTests(PostgresServer server) : IAsyncLifetime
{
    private readonly MigratedDatabases _databases = new(server, "schedules");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Store_InsertPauseRecordDelete_RoundTrips(string dialect)
    {
        var database = await OpenAsync(dialect);
        var store = new ScheduleStore(database);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_767_000_000_000);
        var inputs = new Dictionary<string, JsonElement> { ["topic"] = JsonSerializer.SerializeToElement("mcp"), ["n"] = JsonSerializer.SerializeToElement(3) };
        await store.InsertAsync(new Schedule { Id = "s1", WorkflowId = "wf", Cron = "0 9 * * 1-5", TimeZone = "Europe/Berlin", Inputs = inputs, CreatedAt = at });
        await store.InsertAsync(new Schedule { Id = "s2", WorkflowId = "wf", Cron = "@daily", TimeZone = "UTC", CreatedAt = at.AddSeconds(1) });

        var s1 = (await store.GetAsync("s1"))!;
        Assert.Equal(("wf", "0 9 * * 1-5", "Europe/Berlin", false, at), (s1.WorkflowId, s1.Cron, s1.TimeZone, s1.Paused, s1.CreatedAt));
        Assert.Equal("mcp", s1.Inputs["topic"].GetString());
        Assert.Equal(3, s1.Inputs["n"].GetInt32());
        Assert.Equal(["s2", "s1"], (await store.ListAsync()).Select(s => s.Id));

        Assert.True(await store.SetPausedAsync("s1", true));
        Assert.True((await store.GetAsync("s1"))!.Paused);
        Assert.True(await store.SetPausedAsync("s1", false));
        Assert.False((await store.GetAsync("s1"))!.Paused);
        Assert.False(await store.SetPausedAsync("nope", true));

        Assert.True(await store.RecordErrorAsync("s1", "workflow gone"));
        Assert.Equal("workflow gone", (await store.GetAsync("s1"))!.LastError);
        var runStore = new RunStore(database, new BlobStore(Microsoft.Extensions.Options.Options.Create(new StorageOptions { })));
        await runStore.CreateRunAsync(new RunRecord
        {
            Id = "run1", WorkflowId = "wf", WorkflowName = "w", Definition = "{}", Inputs = "{}", Status = "running", CreatedAt = 1,
        }, []);
        Assert.True(await store.RecordRunAsync("s1", "run1", at.AddMinutes(1)));
        var ran = (await store.GetAsync("s1"))!;
        Assert.Equal(("run1", at.AddMinutes(1), "running", (string?)null), (ran.LastRunId, ran.LastRunAt, ran.LastRunStatus, ran.LastError));

        Assert.True(await store.DeleteAsync("s1"));
        Assert.False(await store.DeleteAsync("s1"));
        Assert.Null(await store.GetAsync("s1"));
    }

    private Task<IDatabase> OpenAsync(string dialect) => _databases.OpenAsync(dialect);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _databases.DisposeAsync();
}
