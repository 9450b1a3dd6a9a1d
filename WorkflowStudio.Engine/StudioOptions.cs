namespace WorkflowStudio.Engine;

/// <summary>Where WorkflowStudio keeps its state and finds its tool servers (configuration section <c>Studio</c>).</summary>
public sealed class StudioOptions
{
    public const string SectionName = "Studio";
    public const string DefaultDataDir = "data";
    public const string DefaultMcpConfigFile = "mcp.json";

    /// <summary>Folder for the embedded database and artefacts (relative to the current directory).</summary>
    public string DataDir { get; set; } = DefaultDataDir;

    /// <summary>An <c>mcpServers</c> JSON file; when unset, <c>./mcp.json</c> if present, else the <c>mcpServers</c> configuration section.</summary>
    public string? McpConfig { get; set; }

    /// <summary><c>sqlite</c> (embedded default).</summary>
    public string Storage { get; set; } = "sqlite";

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDir), "studio.db");
}
