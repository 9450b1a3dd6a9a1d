using System.Text.Json;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Cli;

/// <summary>
/// A temp working folder for <c>studio</c> processes: its own data dir and an <c>mcp.json</c> that runs our
/// McpTestServer over stdio as server <c>test</c>. Shared by the tests of one class.
/// </summary>
public sealed class CliWorkspace : IDisposable
{
    public CliWorkspace()
    {
        Directory.CreateDirectory(Root);
        File.WriteAllText(TestMcpConfig, $$"""{ "mcpServers": { "test": {{TestServers.StdioEntry()}} } }""");
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "wfs-cli-tests", Guid.NewGuid().ToString("N"));

    public string DataDir => Path.Combine(Root, "data");

    /// <summary>mcp.json with McpTestServer as <c>test</c>.</summary>
    public string TestMcpConfig => Path.Combine(Root, "test-mcp.json");

    /// <summary>Writes <paramref name="content"/> to a file in the workspace and returns its full path.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs <c>studio</c> in the workspace with <c>--data-dir</c> appended.</summary>
    internal Task<StudioOutput> StudioAsync(params string[] args) => StudioProcess.RunAsync(Root, [.. args, "--data-dir", DataDir]);

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
    }

    internal static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
