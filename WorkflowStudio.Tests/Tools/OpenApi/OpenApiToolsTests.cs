using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tests.Tools.Http;

namespace WorkflowStudio.Tests.Tools.OpenApi;

public sealed class OpenApiToolsTests : IAsyncLifetime
{
    private FakeHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeHttpServer.StartAsync(app =>
    {
        app.MapGet("/openapi.json", (HttpContext context) => Results.Text(Document($"http://127.0.0.1:{context.Connection.LocalPort}/v1"), "application/json"));
        app.MapGet("/v1/pets", (int? limit) => Results.Json(new[] { new { id = 1, name = "Rex" }, new { id = 2, name = "Tom" } }.Take(limit ?? 10)));
        app.MapGet("/v1/pets/{id}", (int id) => id == 1 ? Results.Json(new { id, name = "Rex" }) : Results.NotFound(new { error = "no pet" }));
        app.MapPost("/v1/pets", async (HttpRequest request) => Results.Json(new { created = JsonDocument.Parse(await new StreamReader(request.Body).ReadToEndAsync()).RootElement }, statusCode: 201));
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ToolHost Host() => ToolHost.Create([new("Tools:Http:AllowedHosts:0", "127.0.0.1")]);

    [Fact]
    public async Task OpenApiImport_FromUrl_RegistersEveryOperationAsATool()
    {
        await using var host = Host();

        var imported = await host.OkAsync("openapi_import", new { name = "petstore", source = $"{_server.BaseUrl}/openapi.json" });
        var tools = await host.Services.GetRequiredService<IToolCatalog>().GetToolsAsync("openapi");

        Assert.Equal(3, imported.GetProperty("count").GetInt32());
        Assert.Equal(["petstore_createPet", "petstore_getPet", "petstore_listPets"], tools.Select(t => t.Name));
        var list = tools.Single(t => t.Name == "petstore_listPets");
        Assert.True(list.Annotations.ReadOnly);
        Assert.Equal("integer", list.InputSchema.GetProperty("properties").GetProperty("limit").GetProperty("type").GetString());
        var create = tools.Single(t => t.Name == "petstore_createPet");
        Assert.Equal("string", create.InputSchema.GetProperty("properties").GetProperty("body").GetProperty("properties").GetProperty("name").GetProperty("type").GetString());
    }

    [Fact]
    public async Task ImportedTools_CallTheService_WithPathQueryAndBody()
    {
        await using var host = Host();
        await host.OkAsync("openapi_import", new { name = "petstore", source = $"{_server.BaseUrl}/openapi.json" });

        var listed = await host.OkAsync("petstore_listPets", new { limit = 1 }, server: "openapi");
        var one = await host.OkAsync("petstore_getPet", new { petId = 1 }, server: "openapi");
        var created = await host.OkAsync("petstore_createPet", new { body = new { name = "Kit" } }, server: "openapi");
        var missing = await host.ErrorAsync("petstore_getPet", new { petId = 9 }, server: "openapi");
        var invalid = await host.ErrorAsync("petstore_getPet", new { }, server: "openapi");

        Assert.Equal("Rex", Assert.Single(listed.EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("Rex", one.GetProperty("name").GetString());
        Assert.Equal("Kit", created.GetProperty("created").GetProperty("name").GetString());
        Assert.Contains("answered 404", missing, StringComparison.Ordinal);
        Assert.Contains("missing required property 'petId'", invalid, StringComparison.Ordinal);
        Assert.Contains(_server.Requests, r => r.PathAndQuery == "/v1/pets?limit=1");
    }

    [Fact]
    public async Task OpenApiImport_ByOneTenant_IsInvisibleToAnotherTenant()
    {
        await using var host = Host();
        var catalog = host.Services.GetRequiredService<IToolCatalog>();
        // Globex lists first, so a per-process cache that ignored the tenant would hand it acme's later import.
        Assert.Empty(await catalog.GetToolsForTenantAsync("openapi", "globex"));
        await host.OkAsync("files_write", new { path = "apis/pets.json", content = Document($"{_server.BaseUrl}/v1") }, tenant: "acme");
        await host.OkAsync("openapi_import", new { name = "pets", source = "apis/pets.json" }, tenant: "acme");

        var acmeTools = await catalog.GetToolsForTenantAsync("openapi", "acme");
        var globexTools = await catalog.GetToolsForTenantAsync("openapi", "globex");
        var globexView = await catalog.ForTenant("globex").GetToolsAsync("openapi");
        var defaultTools = await catalog.GetToolsAsync("openapi");
        var acmeCall = await host.OkAsync("pets_listPets", new { }, server: "openapi", tenant: "acme");
        var globexCall = await host.ErrorAsync("pets_listPets", new { }, server: "openapi", tenant: "globex");
        var globexImport = await host.ErrorAsync("openapi_import", new { name = "pets", source = "apis/pets.json" }, tenant: "globex");

        Assert.Contains(acmeTools, t => t.Name == "pets_listPets");
        Assert.Empty(globexTools);
        Assert.Empty(globexView);
        Assert.Empty(defaultTools);
        Assert.Equal(2, acmeCall.GetArrayLength());
        Assert.Contains("There is no imported OpenAPI operation 'pets_listPets'", globexCall, StringComparison.Ordinal);
        Assert.Contains("there is no file 'apis/pets.json' under the files root", globexImport, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiImport_FromFileUnderTheRoot_IsKeptAcrossHosts()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "wfs-tools", Guid.NewGuid().ToString("N"));
        KeyValuePair<string, string?>[] settings = [new("Studio:DataDir", dataDir), new("Tools:Http:AllowedHosts:0", "127.0.0.1")];
        await using (var first = ToolHost.Create(settings))
        {
            await first.OkAsync("files_write", new { path = "apis/pets.json", content = Document($"{_server.BaseUrl}/v1") });
            await first.OkAsync("openapi_import", new { name = "pets", source = "apis/pets.json" });
        }
        await using var second = ToolHost.Create(settings);

        var listed = await second.OkAsync("pets_listPets", new { }, server: "openapi");

        Assert.Equal(2, listed.GetArrayLength());
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task OpenApiImport_NotOpenApi3_SaysSo()
    {
        await using var host = Host();
        await host.OkAsync("files_write", new { path = "swagger.json", content = "{\"swagger\": \"2.0\", \"paths\": {}}" });

        var error = await host.ErrorAsync("openapi_import", new { name = "old", source = "swagger.json" });

        Assert.Contains("only OpenAPI 3.x documents are supported", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredDocumentMissing_MakesTheServerUnreachableWithTheReason()
    {
        await using var host = ToolHost.Create([new("Tools:OpenApi:Apis:crm:Source", "/nonexistent/crm.json")]);

        var error = await Assert.ThrowsAsync<ToolServerException>(async () => await host.Services.GetRequiredService<IToolCatalog>().GetToolsAsync("openapi"));

        Assert.Contains("the OpenAPI documents cannot be loaded", error.Message, StringComparison.Ordinal);
        Assert.Contains("crm.json", error.Message, StringComparison.Ordinal);
    }

    private static string Document(string server) => $$"""
        {
          "openapi": "3.0.3",
          "info": { "title": "Pets", "version": "1" },
          "servers": [{ "url": "{{server}}" }],
          "paths": {
            "/pets": {
              "get": { "operationId": "listPets", "summary": "List pets",
                       "parameters": [{ "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1 } }] },
              "post": { "operationId": "createPet", "summary": "Create a pet",
                        "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewPet" } } } } }
            },
            "/pets/{petId}": {
              "parameters": [{ "name": "petId", "in": "path", "required": true, "schema": { "type": "integer" } }],
              "get": { "operationId": "getPet", "summary": "One pet" }
            }
          },
          "components": { "schemas": { "NewPet": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" } } } } }
        }
        """;
}
