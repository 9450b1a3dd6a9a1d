using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// The configured MCP servers as one <see cref="IToolSource"/>: one client per server (stdio or Streamable HTTP),
/// started on first use, shared by concurrent callers, restarted after a crash, at most
/// <see cref="McpToolHubOptions.MaxConcurrentCallsPerServer"/> calls in flight per server; <see cref="RestartAsync"/>
/// replaces a server's connection on request.
/// </summary>
internal sealed class McpToolHub : IToolSource, IMcpServerHealth, IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, McpServerConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, McpServerConfig> _configs = new(StringComparer.Ordinal);
    private readonly McpToolHubOptions _settings;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    private readonly IToolSampler? _sampler;

    public McpToolHub(IOptions<McpToolHubOptions> options, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null, IToolSampler? sampler = null)
    {
        _sampler = sampler is { IsAvailable: true } ? sampler : null;
        _settings = options.Value;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<McpToolHub>();
        _timeProvider = timeProvider;
        var configured = _settings.ResolveServers();
        var configLogger = _loggerFactory.CreateLogger<McpServersConfig>();
        foreach (var warning in configured.Warnings)
        {
            McpToolHubLog.ConfigSettingIgnored(configLogger, warning);
        }
        foreach (var server in configured.Servers.Values)
        {
            _configs.Add(server.Name, server);
            _connections[server.Name] = Connect(server);
        }
        Servers = _configs.Keys.Order(StringComparer.Ordinal).ToArray();
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

    /// <summary>
    /// Closes the server's connection (a stdio server's process ends; calls in flight fail as a lost connection) and
    /// starts it again with a fresh connection, whose call counters start at zero. Returns the status after the start:
    /// <see cref="McpServerState.Failed"/> with the reason when it did not come up.
    /// </summary>
    public async ValueTask<McpServerStatus> RestartAsync(string server, CancellationToken cancellationToken = default)
    {
        var old = Connection(server);
        var fresh = Connect(_configs[server]);
        if (!_connections.TryUpdate(server, fresh, old))
        {
            await fresh.DisposeAsync(); // someone else restarted it at the same moment: theirs stands
            return Connection(server).GetStatus();
        }
        McpToolHubLog.ServerRestarting(_logger, server);
        await old.DisposeAsync();
        try
        {
            await fresh.GetToolsAsync(cancellationToken);
        }
        catch (ToolServerException)
        {
            // The status carries the reason (the start already logged it); the next call tries to start it again.
            McpToolHubLog.RestartFailed(_logger, server);
        }
        return fresh.GetStatus();
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_connections.Values.Select(connection => connection.DisposeAsync().AsTask()));
    }

    /// <summary>For hosts that dispose synchronously: blocks until every server is closed (bounded by ShutdownTimeout per stdio server).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private McpServerConnection Connect(McpServerConfig server) => new(server, _settings, _loggerFactory, _timeProvider, _sampler);

    private McpServerConnection Connection(string server) =>
        _connections.TryGetValue(server, out var connection)
            ? connection
            : throw new KeyNotFoundException($"No MCP server named '{server}' is configured (known: {(Servers.Count == 0 ? "none" : string.Join(", ", Servers))}).");
}
