using Microsoft.Extensions.Configuration;

namespace WorkflowStudio.Engine.Persistence;

/// <summary>Where WorkflowStudio keeps its state and finds its tool servers (configuration section <c>Studio</c>).</summary>
public sealed class DataOptions
{
    public const string SectionName = "Studio";
    public const string ConnectionStringName = "Studio";
    public const string DefaultDataDir = "data";
    public const string DefaultMcpConfigFile = "mcp.json";
    public const string SqliteStorage = "sqlite";
    public const string PostgresStorage = "postgres";

    /// <summary>Folder for the embedded database and artefacts (relative to the current directory).</summary>
    public string DataDir { get; set; } = DefaultDataDir;

    /// <summary>An <c>mcpServers</c> JSON file; when unset, <c>./mcp.json</c> if present, else the <c>mcpServers</c> configuration section.</summary>
    public string? McpConfig { get; set; }

    /// <summary><c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    public string Storage { get; set; } = SqliteStorage;

    /// <summary>PostgreSQL connection string (<c>--connection</c>, <c>ConnectionStrings:Studio</c>).</summary>
    public string? ConnectionString { get; set; }

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDir), "studio.db");

    /// <summary>The storage named by configuration, read before the container exists (it decides what is registered).</summary>
    public static string StorageFrom(IConfiguration configuration) =>
        configuration.GetSection(SectionName)[nameof(Storage)]?.Trim().ToLowerInvariant() switch
        {
            null or "" => SqliteStorage,
            var value => value,
        };
}
