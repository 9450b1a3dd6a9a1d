using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Tools;

public sealed class ToolsServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddWorkflowStudioTools_ConfigFile_CatalogListsBuiltinAndConfiguredServers()
    {
        var file = Path.Combine(Path.GetTempPath(), $"mcp-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, $$"""{ "mcpServers": { "test": {{TestServers.StdioEntry()}} } }""");
        try
        {
            await using var provider = new ServiceCollection().AddLogging().AddWorkflowStudioTools(o => o.ConfigFile = file).BuildServiceProvider();
            var catalog = provider.GetRequiredService<IToolCatalog>();
            var invoker = provider.GetRequiredService<IToolInvoker>();

            Assert.Equal(["builtin", "test"], catalog.Servers);
            Assert.Contains(await catalog.GetToolsAsync("builtin"), t => t.Name == "echo");
            var echoed = await invoker.InvokeAsync(TestServers.Call("builtin", "echo", """{ "value": 7 }"""));
            Assert.Equal(7, echoed.Output.GetInt32());
            var sum = await invoker.InvokeAsync(TestServers.Call("test", "add", """{ "a": 1, "b": 1 }"""));
            Assert.Equal(2, sum.Output.GetProperty("sum").GetDouble());
            Assert.Equal(McpServerState.Running, provider.GetRequiredService<IMcpServerHealth>().GetServerStatus("test").State);
            Assert.Same(provider.GetRequiredService<IMcpServerHealth>(), provider.GetServices<IToolSource>().OfType<IMcpServerHealth>().Single());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AddWorkflowStudioTools_NoServersConfigured_OffersOnlyTheEnginesEchoAndDelay()
    {
        await using var provider = new ServiceCollection().AddWorkflowStudioTools().BuildServiceProvider();
        var catalog = provider.GetRequiredService<IToolCatalog>();

        Assert.Equal(["builtin"], catalog.Servers);
        Assert.Equal(["delay", "echo"], (await catalog.GetToolsAsync("builtin")).Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddWorkflowStudioTools_CalledTwice_RegistersEachSourceOnce()
    {
        using var provider = new ServiceCollection().AddWorkflowStudioTools().AddWorkflowStudioTools().BuildServiceProvider();

        Assert.Equal(2, provider.GetServices<IToolSource>().Count());
        Assert.Equal(2, provider.GetServices<IBuiltinTool>().Count());
    }

    [Fact]
    public void AddWorkflowStudioTools_InvalidOptions_FailWithFixItMessages()
    {
        using var provider = new ServiceCollection().AddWorkflowStudioTools(o =>
        {
            o.MaxConcurrentCallsPerServer = 0;
            o.StartupTimeout = TimeSpan.Zero;
        }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IToolCatalog>());

        Assert.Contains(error.Failures, f => f.Contains("MaxConcurrentCallsPerServer is 0; set it between 1 and 10000", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("StartupTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void AddWorkflowStudioTools_BrokenConfigFile_FailsNamingFileAndPath()
    {
        var file = Path.Combine(Path.GetTempPath(), $"mcp-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "mcpServers": { "files": { "args": [] } } }""");
        try
        {
            using var provider = new ServiceCollection().AddWorkflowStudioTools(o => o.ConfigFile = file).BuildServiceProvider();

            var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IToolInvoker>());

            Assert.Contains($"{file}: $.mcpServers.files: needs either \"command\" or \"url\"", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
