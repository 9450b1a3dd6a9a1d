using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Tests.Tools;
using WorkflowStudio.Tests.Workflows;

namespace WorkflowStudio.Tests.Scenarios;

/// <summary>
/// examples/scenarios/*.mcp.json parse and validate: their built-in steps against the real built-in schemas, their public
/// MCP servers' steps against the input schemas those servers publish (server-postgres, server-filesystem, server-memory),
/// and every server they name is in examples/scenarios/mcp.json. The public servers themselves are not started here.
/// </summary>
public sealed class ScenarioExamplesTests
{
    private static readonly string Folder = Path.Combine(FindRoot(), "examples", "scenarios");

    public static TheoryData<string> Files
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(Folder, "*.mcp.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ScenarioExample_ValidatesAgainstBuiltinsAndThePublicServers(string file)
    {
        await using var host = ToolHost.Create();
        var catalog = new InMemoryToolCatalog()
            .Add("postgres", "query", """{ "type": "object", "properties": { "sql": { "type": "string" } }, "required": ["sql"] }""")
            .Add("filesystem", "write_file", """{ "type": "object", "properties": { "path": { "type": "string" }, "content": { "type": "string" } }, "required": ["path", "content"] }""")
            .Add("memory", "create_entities", """{ "type": "object", "properties": { "entities": { "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" }, "entityType": { "type": "string" }, "observations": { "type": "array", "items": { "type": "string" } } }, "required": ["name", "entityType", "observations"] } } }, "required": ["entities"] }""")
            .Add("memory", "add_observations", """{ "type": "object", "properties": { "observations": { "type": "array", "items": { "type": "object", "properties": { "entityName": { "type": "string" }, "contents": { "type": "array", "items": { "type": "string" } } }, "required": ["entityName", "contents"] } } }, "required": ["observations"] }""")
            .Add("memory", "search_nodes", """{ "type": "object", "properties": { "query": { "type": "string" } }, "required": ["query"] }""");
        foreach (var tool in await host.Services.GetRequiredService<IToolCatalog>().GetToolsAsync("builtin"))
        {
            catalog.Add("builtin", tool.Name, tool.InputSchema.GetRawText());
        }
        var parsed = WorkflowJson.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, file)));

        Assert.Empty(parsed.Errors);
        Assert.Empty(await WorkflowValidator.ValidateAsync(parsed.Workflow!, catalog, null, CancellationToken.None));
        var configured = McpServersConfig.Load(Path.Combine(Folder, "mcp.json"), _ => "x").Servers.Keys;
        Assert.All(parsed.Workflow!.Nodes.Select(n => n.Tool.Split('/')[0]).Where(s => s != "builtin"), s => Assert.Contains(s, configured));
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WorkflowStudio.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"WorkflowStudio.sln not found above {AppContext.BaseDirectory}.");
    }
}
