using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Tools;

public sealed class BuiltinToolsServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddBuiltinTools_BareServiceCollection_AddsTheCatalogWithBusinessToolsAndOpenApi()
    {
        await using var provider = new ServiceCollection().AddLogging().AddBuiltinTools().BuildServiceProvider();
        var catalog = provider.GetRequiredService<IToolCatalog>();

        Assert.Equal(["builtin", "openapi"], catalog.Servers);
        var names = (await catalog.GetToolsAsync("builtin")).Select(t => t.Name).ToArray();
        Assert.Contains("echo", names);
        Assert.Contains("email_send", names);
        Assert.Contains("report_pdf", names);
    }

    [Fact]
    public void AddBuiltinTools_AfterAddWorkflowStudioToolsAndCalledTwice_RegistersEachSourceAndToolOnce()
    {
        using var provider = new ServiceCollection().AddWorkflowStudioTools().AddBuiltinTools().AddBuiltinTools().BuildServiceProvider();

        Assert.Equal(3, provider.GetServices<IToolSource>().Count());
        Assert.Equal(27, provider.GetServices<IBuiltinTool>().Count());
    }
}
