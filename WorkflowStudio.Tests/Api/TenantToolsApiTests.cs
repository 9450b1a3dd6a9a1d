using System.Net;
using System.Text.Json;
using WorkflowStudio.Tests.Tools.OpenApi;
using static WorkflowStudio.Tests.Api.ApiJson;

namespace WorkflowStudio.Tests.Api;

/// <summary>A tenant's OpenAPI import through <c>/api</c>: listed and accepted for that tenant only.</summary>
public sealed class TenantToolsApiTests : IAsyncLifetime
{
    private ApiHost _host = default!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ToolsAndWorkflows_AfterOneTenantsOpenApiImport_KnowTheToolForThatTenantOnly()
    {
        var acme = await _host.ClientAsync("acme");
        var globex = await _host.ClientAsync("globex");
        using var imported = await acme.PostAsync(Uri("/api/orchestrate"), Body(new { workflow = PetsOpenApi.ImportWorkflow() }));
        Assert.Equal("success", (await ReadAsync(imported)).GetProperty("status").GetString());
        var uses = new { name = "uses-pets", nodes = new object[] { new { id = "list", tool = PetsOpenApi.ListPetsTool, args = new { } } } };

        var acmeTools = await ReadAsync(await acme.GetAsync(Uri("/api/tools")));
        var globexTools = await ReadAsync(await globex.GetAsync(Uri("/api/tools")));
        using var acmeSave = await acme.PostAsync(Uri("/api/workflows"), Body(uses));
        using var globexSave = await globex.PostAsync(Uri("/api/workflows"), Body(uses));

        Assert.Contains(PetsOpenApi.ListPetsTool, Names(acmeTools));
        Assert.DoesNotContain(PetsOpenApi.ListPetsTool, Names(globexTools));
        Assert.Equal(HttpStatusCode.Created, acmeSave.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, globexSave.StatusCode);
        Assert.Contains("pets_listPets", await globexSave.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static IEnumerable<string?> Names(JsonElement list) =>
        list.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString());

    private static Uri Uri(string path) => new(path, UriKind.Relative);
}
