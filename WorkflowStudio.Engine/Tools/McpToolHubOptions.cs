using Microsoft.Extensions.Configuration;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// Where the MCP servers are configured and how the hub treats them. The server list comes from the first of
/// <see cref="Servers"/>, <see cref="ConfigFile"/> and the <c>mcpServers</c> section of <see cref="Configuration"/>
/// that is set; with none of them set there are no MCP servers (the built-in tools remain).
/// </summary>
public sealed class McpToolHubOptions
{
    public const int DefaultMaxConcurrentCallsPerServer = 16;
    public const int DefaultStderrTailLines = 20;
    public static readonly TimeSpan DefaultStartupTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(5);

    /// <summary>An already-loaded configuration (tests, embedding hosts).</summary>
    public McpServersConfig? Servers { get; set; }

    /// <summary>A JSON file in the <c>mcpServers</c> shape (for example <c>--mcp-config mcp.json</c>).</summary>
    public string? ConfigFile { get; set; }

    /// <summary>App configuration whose <c>mcpServers</c> section lists the servers.</summary>
    public IConfiguration? Configuration { get; set; }

    /// <summary>Longest time to start a server (spawn or connect, MCP handshake, first tool list).</summary>
    public TimeSpan StartupTimeout { get; set; } = DefaultStartupTimeout;

    /// <summary>
    /// Backstop for one tool call with no answer (nodes normally set a shorter timeout of their own);
    /// <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = DefaultCallTimeout;

    /// <summary>How long a stdio server gets to exit after its input closes before it is killed.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = DefaultShutdownTimeout;

    /// <summary>Calls in flight per server; more wait their turn.</summary>
    public int MaxConcurrentCallsPerServer { get; set; } = DefaultMaxConcurrentCallsPerServer;

    /// <summary>Lines of a stdio server's stderr kept for error messages.</summary>
    public int StderrTailLines { get; set; } = DefaultStderrTailLines;

    /// <summary>The configured servers, from whichever source is set (see the class remarks).</summary>
    public McpServersConfig ResolveServers() =>
        Servers
        ?? (ConfigFile is not null ? McpServersConfig.Load(ConfigFile)
        : Configuration is not null ? McpServersConfig.FromConfiguration(Configuration)
        : McpServersConfig.Empty);
}
