using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Tests.Execution;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Workflows.Store;

namespace WorkflowStudio.Tests.Studio;

/// <summary>Saved workflow versions and keyset-paged run queries on the real SQLite database (migration 0002).</summary>
public sealed class StudioStoreTests : IAsyncLifetime
{
    private EngineFixture _engine = default!;
    private IWorkflowStore _workflows = default!;

    public async Task InitializeAsync()
    {
        _engine = await EngineFixture.StartAsync();
        _workflows = new WorkflowStore(_engine.Services.GetRequiredService<SqliteDatabase>(), TimeProvider.System);
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task SaveAsync_Twice_MakesTwoVersions_AndGetReturnsTheLatest()
    {
        var first = await _workflows.SaveAsync(null, Diamond());
        var second = await _workflows.SaveAsync(first.Id, Diamond() with { Name = "renamed" });

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal("renamed", (await _workflows.GetAsync(first.Id))!.Name);
        Assert.Equal("test", (await _workflows.GetAsync(first.Id, 1))!.Definition.Name);
        Assert.Equal([2, 1], (await _workflows.ListVersionsAsync(first.Id)).Select(v => v.Version));
        Assert.Null(await _workflows.GetAsync("nope"));
    }

    [Fact]
    public async Task RestoreAsync_OldVersion_SavesItAgainAsNewest()
    {
        var v1 = await _workflows.SaveAsync(null, Diamond());
        await _workflows.SaveAsync(v1.Id, Of(Node("only")));

        var restored = await _workflows.RestoreAsync(v1.Id, 1);

        Assert.Equal(3, restored.Version);
        Assert.Equal("restored from version 1", restored.Note);
        Assert.Equal(4, (await _workflows.GetAsync(v1.Id))!.Definition.Nodes.Count);
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await _workflows.RestoreAsync(v1.Id, 9));
    }

    [Fact]
    public async Task ListAsync_ShowsEachWorkflowOnceAtItsLatestVersion()
    {
        var a = await _workflows.SaveAsync(null, Diamond() with { Name = "a" });
        await _workflows.SaveAsync(a.Id, Diamond() with { Name = "a2" });
        await _workflows.SaveAsync(null, Diamond() with { Name = "b" });

        var list = await _workflows.ListAsync();

        Assert.Equal(2, list.Count);
        Assert.Contains(list, w => w.Id == a.Id && w.Version == 2 && w.Name == "a2");
    }

    [Fact]
    public async Task QueryRunsAsync_PagesByKeyset_WithTiesAndFilters()
    {
        var store = _engine.Store;
        for (var i = 0; i < 25; i++)
        {
            // Pairs share a timestamp so that the id breaks ties.
            await store.CreateRunAsync(new RunRecord
            {
                Id = $"run{i:00}", WorkflowId = i % 2 == 0 ? "even" : "odd", WorkflowName = "w", Definition = "{}", Inputs = "{}",
                Status = i % 5 == 0 ? "failed" : "success", CreatedAt = 1000 + i / 2,
            }, []);
        }

        var seen = new List<string>();
        RunCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.QueryRunsAsync(new RunQuery { Limit = 10, After = cursor });
            seen.AddRange(page.Runs.Select(r => r.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"run{i:00}"), seen);
        var failed = await store.QueryRunsAsync(new RunQuery { Status = "failed", WorkflowId = "even" });
        Assert.Equal(["run20", "run10", "run00"], failed.Runs.Select(r => r.Id));
        var window = await store.QueryRunsAsync(new RunQuery { CreatedFrom = 1010, CreatedTo = 1011 });
        Assert.Equal(["run21", "run20"], window.Runs.Select(r => r.Id));
        Assert.True(RunCursor.TryParse(new RunCursor(1005, "run10").ToString(), out var parsed));
        Assert.Equal(new RunCursor(1005, "run10"), parsed);
    }
}
