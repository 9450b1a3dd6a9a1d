using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Planning;

/// <summary>A fixed tool catalog (controlled content for planner tests and the evaluation).</summary>
internal sealed class StaticToolCatalog : IToolCatalog
{
    private readonly Dictionary<string, IReadOnlyList<ToolDescriptor>> _byServer;

    public StaticToolCatalog(IEnumerable<ToolDescriptor> tools)
    {
        _byServer = tools.GroupBy(t => t.Server, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ToolDescriptor>)g.ToArray(), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Servers => _byServer.Keys;

    public ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default) =>
        _byServer.TryGetValue(server, out var tools)
            ? ValueTask.FromResult(tools)
            : throw new KeyNotFoundException($"No tool server named '{server}' is configured.");
}
