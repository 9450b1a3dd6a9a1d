namespace WorkflowStudio.Engine.Tools;

/// <summary>Routes catalog and invocation requests to the source that serves each server name.</summary>
internal sealed class ToolRegistry : IToolCatalog, IToolInvoker
{
    private readonly Dictionary<string, IToolSource> _byServer = new(StringComparer.Ordinal);

    public ToolRegistry(IEnumerable<IToolSource> sources)
    {
        foreach (var source in sources)
        {
            foreach (var server in source.Servers)
            {
                if (!_byServer.TryAdd(server, source))
                {
                    throw new InvalidOperationException($"Tool server name '{server}' is configured twice; rename one of them in mcpServers.");
                }
            }
        }
        Servers = _byServer.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyCollection<string> Servers { get; }

    public ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default) =>
        Source(server).GetToolsAsync(server, cancellationToken);

    public ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsForTenantAsync(string server, string tenantId, CancellationToken cancellationToken = default) =>
        Source(server).GetToolsForTenantAsync(server, tenantId, cancellationToken);

    public ValueTask<ToolCallResult> InvokeAsync(ToolCallRequest request, CancellationToken cancellationToken = default) =>
        Source(request.Server).InvokeAsync(request, cancellationToken);

    private IToolSource Source(string server) =>
        _byServer.TryGetValue(server, out var source)
            ? source
            : throw new KeyNotFoundException($"No tool server named '{server}' is configured (known: {string.Join(", ", Servers)}).");
}
