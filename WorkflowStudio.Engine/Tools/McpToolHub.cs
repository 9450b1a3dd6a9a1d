using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// The configured MCP servers as one <see cref="IToolSource"/>: one client per server (stdio or Streamable HTTP),
/// started on first use, shared by concurrent callers, restarted after a crash, at most
/// <see cref="McpToolHubOptions.MaxConcurrentCallsPerServer"/> calls in flight per server.
/// </summary>
internal sealed class McpToolHub : IToolSource, IMcpServerHealth, IAsyncDisposable, IDisposable
{
    private readonly Dictionary<string, McpServerConnection> _connections = new(StringComparer.Ordinal);

    public McpToolHub(IOptions<McpToolHubOptions> options, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        var settings = options.Value;
        foreach (var server in settings.ResolveServers().Servers.Values)
        {
            _connections.Add(server.Name, new McpServerConnection(server, settings, loggerFactory ?? NullLoggerFactory.Instance, timeProvider));
        }
        Servers = _connections.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyCollection<string> Servers { get; }

    public ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default) =>
        Connection(server).GetToolsAsync(cancellationToken);

    public ValueTask<ToolCallResult> InvokeAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Connection(request.Server).InvokeAsync(request, cancellationToken);
    }

    public McpServerStatus GetServerStatus(string server) => Connection(server).GetStatus();

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_connections.Values.Select(connection => connection.DisposeAsync().AsTask()));
    }

    /// <summary>For hosts that dispose synchronously: blocks until every server is closed (bounded by ShutdownTimeout per stdio server).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private McpServerConnection Connection(string server) =>
        _connections.TryGetValue(server, out var connection)
            ? connection
            : throw new KeyNotFoundException($"No MCP server named '{server}' is configured (known: {(Servers.Count == 0 ? "none" : string.Join(", ", Servers))}).");
}
