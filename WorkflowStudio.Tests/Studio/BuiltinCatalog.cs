using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The real tool catalog with only the built-in server (echo, delay).</summary>
internal sealed class BuiltinCatalog : IDisposable
{
    private readonly ServiceProvider _provider = new ServiceCollection().AddLogging().AddBuiltinTools().BuildServiceProvider();

    public IToolCatalog Catalog => _provider.GetRequiredService<IToolCatalog>();

    public async Task<ToolDescriptor> ToolAsync(string name) =>
        (await Catalog.GetToolsAsync("builtin")).Single(t => t.Name == name);

    public void Dispose() => _provider.Dispose();
}
