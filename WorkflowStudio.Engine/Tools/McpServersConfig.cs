using Microsoft.Extensions.Configuration;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// The configured MCP servers, in Claude Desktop's <c>mcpServers</c> shape or VS Code's <c>servers</c> shape
/// (<c>.vscode/mcp.json</c>, with <c>"type"</c> and optional <c>inputs</c>):
/// <code>
/// { "mcpServers": {
///     "files": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "."], "env": { "TOKEN": "${FILES_TOKEN}" }, "cwd": "." },
///     "remote": { "url": "http://127.0.0.1:3001/mcp", "headers": { "Authorization": "Bearer ${REMOTE_TOKEN}" } } } }
/// </code>
/// <c>"type"</c> (<c>stdio</c>, <c>http</c>, <c>streamable-http</c>) is optional; <c>"disabled": true</c> skips an entry.
/// <c>${VAR}</c> (or <c>${env:VAR}</c>) in any string value is replaced by the environment variable, so secrets
/// stay out of the file; <c>${workspaceFolder}</c> is the folder holding the file (the parent of <c>.vscode</c>) and
/// <c>${userHome}</c> the user's home. <c>${input:ID}</c> prompts, <c>envFile</c>, <c>sandboxEnabled</c> and the
/// <c>sse</c> type are refused with an error saying what to write instead; settings of other clients are ignored with a warning. Relative <c>cwd</c> and relative <c>command</c> paths (containing a slash) are resolved
/// against the configuration file's folder. The name <c>builtin</c> is reserved.
/// </summary>
public sealed class McpServersConfig
{
    /// <summary>The server name that WorkflowStudio's own tools use; not allowed in <c>mcpServers</c>.</summary>
    public const string BuiltinServerName = "builtin";

    /// <summary>The configuration key (and JSON property) that lists the servers.</summary>
    public const string SectionName = "mcpServers";

    internal McpServersConfig(IReadOnlyDictionary<string, McpServerConfig> servers, string? source, IReadOnlyList<string>? warnings = null)
    {
        Servers = servers;
        Source = source;
        Warnings = warnings ?? [];
    }

    public static McpServersConfig Empty { get; } = new(new Dictionary<string, McpServerConfig>(StringComparer.Ordinal), null);

    /// <summary>Servers by name.</summary>
    public IReadOnlyDictionary<string, McpServerConfig> Servers { get; }

    /// <summary>
    /// Settings that were ignored, one line each as <c>SOURCE: PATH: message</c> (other clients' settings such as
    /// <c>autoApprove</c> or VS Code's <c>dev</c>); the hub logs them when it starts.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Where the configuration came from (a file path or <c>configuration</c>); null when empty.</summary>
    public string? Source { get; }

    /// <summary>Reads a JSON file. Throws <see cref="McpConfigException"/> listing every problem, <see cref="FileNotFoundException"/> when it is missing.</summary>
    public static McpServersConfig Load(string path, Func<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"MCP server configuration '{path}' does not exist; create it (see examples/mcp.json) or pass another file with --mcp-config.", path);
        }
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return Parse(File.ReadAllText(path), path, baseDirectory, environment);
    }

    /// <summary>Parses JSON text; <paramref name="sourceName"/> prefixes every error, relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static McpServersConfig Parse(string json, string sourceName, string baseDirectory, Func<string, string?>? environment = null) =>
        McpServersConfigReader.ReadJson(json, sourceName, baseDirectory, environment ?? Environment.GetEnvironmentVariable);

    /// <summary>Reads the <c>mcpServers</c> section of app configuration (appsettings, environment variables, …).</summary>
    public static McpServersConfig FromConfiguration(IConfiguration configuration, string? baseDirectory = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return McpServersConfigReader.ReadConfiguration(
            configuration.GetSection(SectionName), baseDirectory ?? Directory.GetCurrentDirectory(), environment ?? Environment.GetEnvironmentVariable);
    }
}
