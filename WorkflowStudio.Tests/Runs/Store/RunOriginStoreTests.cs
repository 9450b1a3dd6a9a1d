using Dapper;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Store;
using WorkflowStudio.Tests.Infrastructure;

namespace WorkflowStudio.Tests.Runs.Store;

/// <summary>How a run was started (its origin and the actor) is journaled on the run row, on both databases.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RunOriginStoreTests(PostgresServer server) : IAsyncLifetime
{
    private readonly MigratedDatabases _databases = new(server, "origin");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CreateRunAsync_WithOrigin_ReadsBackFromTheRunAndTheRunsList(string dialect)
    {
        var store = new RunStore(await _databases.OpenAsync(dialect), new BlobStore(Options.Create(new StorageOptions())));

        await store.CreateRunAsync(Run("r") with { Origin = RunOrigin.Scheduled, StartedBy = "schedule:nightly" }, []);

        var run = await store.GetRunAsync("r");
        var listed = (await store.QueryRunsAsync(new RunQuery())).Runs.Single();
        Assert.Equal((RunOrigin.Scheduled, "schedule:nightly"), (run!.Origin, run.StartedBy));
        Assert.Equal((RunOrigin.Scheduled, "schedule:nightly"), (listed.Origin, listed.StartedBy));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task GetRunAsync_RowWrittenWithoutAnOrigin_ReadsAsManual(string dialect)
    {
        var database = await _databases.OpenAsync(dialect);
        var store = new RunStore(database, new BlobStore(Options.Create(new StorageOptions())));
        await using (var connection = await database.OpenAsync())
        {
            // A row as the journal wrote it before runs recorded their origin.
            await connection.ExecuteAsync(
                "INSERT INTO runs (id, workflow_id, workflow_name, definition, inputs, status, created_at) " +
                "VALUES ('old', 'wf', 'wf', '{}', '{}', 'success', 1)");
        }

        var run = await store.GetRunAsync("old");

        Assert.Equal((RunOrigin.Manual, (string?)null), (run!.Origin, run.StartedBy));
    }

    [Theory]
    [InlineData("schedule:nightly", RunOrigin.Scheduled)]
    [InlineData("followup:r1:notify", RunOrigin.FollowUp)]
    [InlineData("key:ws_ab12", RunOrigin.Api)]
    [InlineData("mcp:key:ws_ab12", RunOrigin.Mcp)]
    [InlineData("cli:ana", RunOrigin.Cli)]
    [InlineData("user:alice", RunOrigin.Manual)]
    [InlineData("studio user", RunOrigin.Manual)]
    public void Of_Actor_IsItsOrigin(string actor, string origin) => Assert.Equal(origin, RunOrigin.Of(actor));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _databases.DisposeAsync().AsTask();

    private static RunRecord Run(string id) => new()
    {
        Id = id, WorkflowId = "wf", WorkflowName = "wf", Definition = "{}", Inputs = "{}", Status = RunStatus.Running, CreatedAt = 1, StartedAt = 1,
    };
}
