using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Tools.OpenApi;
using WorkflowStudio.Web.Components.Pages;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Studio.Tenants;

/// <summary>The tools page lists the signed-in tenant's view of the tools: one tenant's OpenAPI import is not another's tool.</summary>
public sealed class TenantToolsPageTests : IAsyncLifetime
{
    private const string ImportedTool = PetsOpenApi.ListPetsTool;
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
        var workflow = WorkflowJson.Parse(JsonSerializer.Serialize(PetsOpenApi.ImportWorkflow())).Workflow!;
        var coordinator = _studio.Services.GetRequiredService<IRunCoordinator>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var runId = await coordinator.StartAsync(workflow, new Dictionary<string, JsonElement>(), new TenantId(tenant), cancellationToken: timeout.Token);
        var result = await coordinator.WaitAsync(runId, cancellationToken: timeout.Token);
        Assert.Equal(RunStatus.Success, result.Status);
    }
}
