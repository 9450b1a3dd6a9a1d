using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Scenarios;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Tests.Tools.Http;
using WorkflowStudio.Tests.Tools.OpenApi;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Integration;

/// <summary>Real runs of two tenants through <see cref="IRunCoordinator"/>: each run's tool calls see only its tenant's data.</summary>
public sealed class TenantToolDataRunTests : IAsyncLifetime
{
    private FakeHttpServer _api = null!;
    private ScenarioHost _host = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeHttpServer.StartAsync(app => app.MapGet("/v1/pets", () => Microsoft.AspNetCore.Http.Results.Json(new[] { new { id = 1, name = "Rex" } })));
        _host = await ScenarioHost.StartAsync([new("Tools:Http:AllowedHosts:0", "127.0.0.1")]);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Runs_OfTwoTenants_SeeOnlyTheirOwnMemoryVectorsFilesImportsAndFollowups()
    {
        var document = PetsOpenApi.Document($"{_api.BaseUrl}/v1");
        var stored = await RunAsync("acme", $$"""
            { "name": "remember", "nodes": [
              { "id": "put", "tool": "builtin/memory_put", "args": { "key": "deal", "value": "acme renewal at 40% off" } },
              { "id": "index", "tool": "builtin/vector_upsert", "args": { "collection": "kb", "items": [{ "id": "d1", "text": "acme renewal discount" }] } },
              { "id": "doc", "tool": "builtin/files_write", "approval": "auto", "args": { "path": "apis/pets.json", "content": {{JsonSerializer.Serialize(document)}} } },
              { "id": "import", "tool": "builtin/openapi_import", "dependsOn": ["doc"], "args": { "name": "pets", "source": "apis/pets.json" } },
              { "id": "later", "tool": "builtin/schedule_followup", "args": { "message": "Call acme about the renewal", "delayHours": 1 } } ] }
            """);
        ScenarioHost.AssertSucceeded(stored);

        var other = await RunAsync("globex", """
            { "name": "peek", "nodes": [
              { "id": "get", "tool": "builtin/memory_get", "args": { "key": "deal" } },
              { "id": "search", "tool": "builtin/memory_search", "args": { "query": "renewal" } },
              { "id": "list", "tool": "builtin/files_list", "args": { "recursive": true } },
              { "id": "similar", "tool": "builtin/vector_search", "args": { "collection": "kb", "query": "renewal" } },
              { "id": "call", "tool": "openapi/pets_listPets", "args": {} } ] }
            """);
        var own = await RunAsync("acme", """
            { "name": "recall", "nodes": [
              { "id": "get", "tool": "builtin/memory_get", "args": { "key": "deal" } },
              { "id": "similar", "tool": "builtin/vector_search", "args": { "collection": "kb", "query": "renewal" } },
              { "id": "read", "tool": "builtin/files_read", "args": { "path": "apis/pets.json" } },
              { "id": "call", "tool": "openapi/pets_listPets", "args": {} } ] }
            """);

        Assert.False(ScenarioHost.Step(other, "get").GetProperty("found").GetBoolean());
        Assert.Equal(0, ScenarioHost.Step(other, "search").GetProperty("count").GetInt32());
        Assert.DoesNotContain(ScenarioHost.Step(other, "list").GetProperty("entries").EnumerateArray(),
            e => e.GetProperty("path").GetString()!.StartsWith("apis", StringComparison.Ordinal));
        Assert.Contains("collection 'kb' is empty or does not exist", other.Node("similar").Error, StringComparison.Ordinal);
        Assert.Contains("has no tool 'pets_listPets'", other.Node("call").Error, StringComparison.Ordinal);
        ScenarioHost.AssertSucceeded(own);
        Assert.Equal("acme renewal at 40% off", ScenarioHost.Step(own, "get").GetProperty("value").GetString());
        Assert.Equal("d1", ScenarioHost.Step(own, "similar").GetProperty("results")[0].GetProperty("id").GetString());
        Assert.Equal("Rex", ScenarioHost.Step(own, "call")[0].GetProperty("name").GetString());
        var followup = ScenarioHost.Step(stored, "later").GetProperty("followupId").GetString();
        await using var connection = await _host.Services.GetRequiredService<IDatabase>().OpenAsync();
        Assert.Equal("acme", await connection.ExecuteScalarAsync<string>("SELECT tenant FROM tool_followups WHERE id = @followup", new { followup }));
    }

    private async Task<RunResult> RunAsync(string tenant, string json)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var loaded = WorkflowJson.Parse(json);
        Assert.True(loaded.Succeeded, string.Join("; ", loaded.Errors));
        var runId = await _host.Coordinator.StartAsync(loaded.Workflow!, new Dictionary<string, JsonElement>(), new TenantId(tenant), cancellationToken: timeout.Token);
        return await _host.Coordinator.WaitAsync(runId, cancellationToken: timeout.Token);
    }
}
