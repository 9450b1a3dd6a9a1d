using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Components.Pages;

namespace WorkflowStudio.Tests.Studio.Tenants;

/// <summary>The tools page lists the signed-in tenant's view of the tools: one tenant's OpenAPI import is not another's tool.</summary>
public sealed class TenantToolsPageTests : IAsyncLifetime
{
    private const string ImportedTool = "openapi/pets_listPets";
    private TwoTenantStudio _studio = default!;

    public async Task InitializeAsync() => _studio = await TwoTenantStudio.StartAsync();

    public async Task DisposeAsync() => await _studio.DisposeAsync();

    [Fact]
    public async Task ToolsPage_AfterOneTenantsOpenApiImport_ListsTheToolForThatTenantOnly()
    {
        await ImportPetsAsync(_studio.Acme.Tenant);

        await using var alice = _studio.ComponentsAs(_studio.Acme);
        await using var bob = _studio.ComponentsAs(_studio.Globex);
        var acmePage = alice.Render<ToolsPage>();
        var globexPage = bob.Render<ToolsPage>();

        acmePage.WaitForAssertion(() => Assert.Contains(ToolNames(acmePage), n => n == ImportedTool), TimeSpan.FromSeconds(10));
        globexPage.WaitForAssertion(() => Assert.Contains(ToolNames(globexPage), n => n == "builtin/echo"), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(ImportedTool, ToolNames(globexPage));
    }

    private static IEnumerable<string?> ToolNames(IRenderedComponent<ToolsPage> page) =>
        page.FindAll("[data-testid=tool-panel]").Select(p => p.GetAttribute("data-tool"));

    private async Task ImportPetsAsync(string tenant)
    {
        var document = JsonSerializer.Serialize(new
        {
            openapi = "3.0.3", info = new { title = "Pets", version = "1" }, servers = new[] { new { url = "http://127.0.0.1:9/v1" } },
            paths = new Dictionary<string, object> { ["/pets"] = new { get = new { operationId = "listPets", responses = new Dictionary<string, object> { ["200"] = new { description = "ok" } } } } },
        });
        var workflow = WorkflowJson.Parse(JsonSerializer.Serialize(new
        {
            name = "import-pets",
            nodes = new object[]
            {
                new { id = "doc", tool = "builtin/files_write", approval = "auto", args = new { path = "apis/pets.json", content = document } },
                new { id = "import", tool = "builtin/openapi_import", dependsOn = new[] { "doc" }, args = new { name = "pets", source = "apis/pets.json" } },
            },
        })).Workflow!;
        var coordinator = _studio.Services.GetRequiredService<IRunCoordinator>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var runId = await coordinator.StartAsync(workflow, new Dictionary<string, JsonElement>(), tenantId: tenant, cancellationToken: timeout.Token);
        var result = await coordinator.WaitAsync(runId, timeout.Token);
        Assert.Equal(RunStatus.Success, result.Status);
    }
}
