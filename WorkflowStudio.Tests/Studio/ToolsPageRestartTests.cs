using Bunit;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Tests.Tools;
using WorkflowStudio.Web.Components.Pages;

namespace WorkflowStudio.Tests.Studio;

/// <summary>Tool servers are shared by every tenant: only the operator (an admin of the default tenant) may restart one.</summary>
public sealed class ToolsPageRestartTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wfs-tools-page", Guid.NewGuid().ToString("N"));
    private ApiHost _host = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var config = Path.Combine(_folder, "mcp.json");
        await File.WriteAllTextAsync(config, $$"""{ "mcpServers": { "test": {{TestServers.StdioEntry()}} } }""");
        _host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Studio:McpConfig"] = config });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(Tenant.DefaultId, true)]
    [InlineData("acme", false)]
    public async Task ToolsPage_AdminOfATenant_MayRestartASharedServerOnlyAsTheOperator(string tenant, bool mayRestart)
    {
        await using var context = ComponentTestContext.ForStudio(_host.Services, "admin", tenant, TenantRoles.Admin);

        var page = context.Render<ToolsPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=server-restart]")), TimeSpan.FromSeconds(30));
        Assert.All(page.FindAll("[data-testid=server-restart]"), button => Assert.Equal(!mayRestart, button.HasAttribute("disabled")));
    }
}
