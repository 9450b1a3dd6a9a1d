using System.Text.Json;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Tools;

/// <summary>Where the real MCP servers used by the tool tests live, and helpers to reach them.</summary>
internal static class TestServers
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository root: the nearest folder above the test binaries holding WorkflowStudio.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Our McpTestServer, built by the test project (build dependency) with the same configuration.</summary>
    public static string McpTestServerDll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";
            var path = Path.Combine(RepositoryRoot, "WorkflowStudio.Tests", "McpTestServer", "bin", configuration, "net10.0", "McpTestServer.dll");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"{path} is missing: build the solution (dotnet build WorkflowStudio.sln) or run scripts/test.");
        }
    }

    /// <summary><c>@modelcontextprotocol/server-everything</c>, installed by scripts/test into the git-ignored .tools/npm.</summary>
    public static string EverythingBin => ReferenceServerBin("everything");

    /// <summary>
    /// The launcher of the reference server <c>@modelcontextprotocol/server-NAME</c> (everything, filesystem, memory,
    /// sequential-thinking), installed by scripts/test into the git-ignored .tools/npm.
    /// </summary>
    public static string ReferenceServerBin(string name)
    {
        var path = Path.Combine(RepositoryRoot, ".tools", "npm", "node_modules", ".bin", $"mcp-server-{name}");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"{path} is missing: run scripts/test (it installs @modelcontextprotocol/server-{name} into .tools/npm), " +
                $"or by hand: npm install --prefix .tools/npm --no-audit --no-fund @modelcontextprotocol/server-{name}@2026.8.31");
    }

    /// <summary>
    /// The <c>mcpServers</c> entry that runs <c>Integration/servers/ledger-server.cjs</c> (official TypeScript SDK, stdio),
    /// which appends its side effects to <paramref name="ledgerFile"/>.
    /// </summary>
    public static string LedgerEntry(string ledgerFile)
    {
        var modules = Path.Combine(RepositoryRoot, ".tools", "npm", "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "@modelcontextprotocol", "sdk")))
        {
            throw new InvalidOperationException(
                $"{modules}/@modelcontextprotocol/sdk is missing: run scripts/test (it installs it into .tools/npm).");
        }
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["command"] = "node",
            ["args"] = new[] { Path.Combine(RepositoryRoot, "WorkflowStudio.Tests", "Integration", "servers", "ledger-server.cjs") },
            ["env"] = new Dictionary<string, string> { ["NODE_PATH"] = modules, ["LEDGER"] = ledgerFile },
        });
    }

    public static McpServersConfig Config(string json, Func<string, string?>? environment = null) =>
        McpServersConfig.Parse(json, "test-mcp.json", RepositoryRoot, environment);

    public static McpToolHub Hub(McpServersConfig servers, Action<McpToolHubOptions>? configure = null)
    {
        var options = new McpToolHubOptions { Servers = servers };
        configure?.Invoke(options);
        return new McpToolHub(Options.Create(options), TimeProvider.System);
    }

    /// <summary>The <c>mcpServers</c> entry that runs McpTestServer over stdio.</summary>
    public static string StdioEntry(string? sideEffectsFile = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["command"] = "dotnet",
            ["args"] = new[] { McpTestServerDll },
            ["env"] = sideEffectsFile is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["MCP_TEST_SIDE_EFFECTS"] = sideEffectsFile },
        });

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static ToolCallRequest Call(string server, string tool, string arguments = "{}", string? idempotencyKey = null) => new()
    {
        Server = server,
        Tool = tool,
        Arguments = Json(arguments),
        IdempotencyKey = idempotencyKey,
    };

    /// <summary>Probes until <paramref name="done"/> holds (10 s at most) and returns the last value.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = TimeProvider.System.GetTimestamp() + TimeProvider.System.TimestampFrequency * 10;
        var value = await probe();
        while (!done(value) && TimeProvider.System.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
            value = await probe();
        }
        return value;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WorkflowStudio.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No WorkflowStudio.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
