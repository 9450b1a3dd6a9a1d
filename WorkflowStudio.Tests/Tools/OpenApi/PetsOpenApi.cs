using System.Text.Json;

namespace WorkflowStudio.Tests.Tools.OpenApi;

/// <summary>A one-operation OpenAPI document (<c>GET /pets</c>, operationId <c>listPets</c>) and a workflow that imports it as <c>pets</c>.</summary>
internal static class PetsOpenApi
{
    /// <summary>The tool the import adds: <c>openapi/pets_listPets</c>.</summary>
    public const string ListPetsTool = "openapi/pets_listPets";

    public static string Document(string serverUrl) => JsonSerializer.Serialize(new
    {
        openapi = "3.0.3", info = new { title = "Pets", version = "1" }, servers = new[] { new { url = serverUrl } },
        paths = new Dictionary<string, object> { ["/pets"] = new { get = new { operationId = "listPets", responses = new Dictionary<string, object> { ["200"] = new { description = "ok" } } } } },
    });

    /// <summary>Writes the document to the tenant's files and imports it (the document's server is unreachable: listing only).</summary>
    public static object ImportWorkflow() => new
    {
        name = "import-pets",
        nodes = new object[]
        {
            new { id = "doc", tool = "builtin/files_write", approval = "auto", args = new { path = "apis/pets.json", content = Document("http://127.0.0.1:9/v1") } },
            new { id = "import", tool = "builtin/openapi_import", dependsOn = new[] { "doc" }, args = new { name = "pets", source = "apis/pets.json" } },
        },
    };
}
