namespace WorkflowStudio.Web.Hosting;

/// <summary>Configuration keys shared by every verb, and their defaults.</summary>
public static class StudioConfigurationKeys
{
    /// <summary>Where runs, the SQLite database and the embedded job storage live.</summary>
    public const string DataDir = "Studio:DataDir";

    /// <summary>An <c>mcpServers</c> JSON file.</summary>
    public const string McpConfig = "Studio:McpConfig";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public const string Storage = "Studio:Storage";

    /// <summary>The connection string, as <c>ConnectionStrings:Studio</c>.</summary>
    public const string ConnectionString = "ConnectionStrings:Studio";

    /// <summary>Semicolon-separated listen addresses.</summary>
    public const string Urls = "Urls";

    /// <summary>Relative to the current directory of the process, not to the executable.</summary>
    public const string DefaultDataDir = "./data";

    public const string DefaultUrls = "http://127.0.0.1:5000";
}
