namespace WorkflowStudio.Tests.Cli;

/// <summary><c>studio tools</c> against the README's mcp.json and against a server that cannot start.</summary>
public sealed class ToolsVerbTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    [Fact]
    public async Task Tools_ExampleConfig_ListsBuiltinAndReferenceServerToolsWithBadges()
    {
        var output = await workspace.StudioAsync("tools", "--mcp-config", StudioProcess.Example("mcp.json"));

        Assert.True(output.ExitCode == 0, output.ToString());
        var lines = output.StdoutLines;
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^builtin \(\d+ tools\)$"));
        Assert.Contains(lines, l => l.StartsWith("everything (", StringComparison.Ordinal));
        Assert.Matches(@"^builtin/echo\s+\[read-only, idempotent\] ", Assert.Single(lines, l => l.StartsWith("builtin/echo ", StringComparison.Ordinal)));
        // the business tools of WorkflowStudio.Tools, which the CLI host adds next to the engine's echo and delay
        Assert.Single(lines, l => l.StartsWith("builtin/report_pdf ", StringComparison.Ordinal));
        Assert.Matches(@"^everything/get-sum\s+\[read-only, idempotent\] Returns the sum", Assert.Single(lines, l => l.StartsWith("everything/get-sum ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Tools_OurTestServer_ShowsDestructiveAndUnannotatedTools()
    {
        var output = await workspace.StudioAsync("tools", "--mcp-config", workspace.TestMcpConfig);

        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Matches(@"^test/destructive_delete\s+\[destructive\] ", Assert.Single(output.StdoutLines, l => l.StartsWith("test/destructive_delete ", StringComparison.Ordinal)));
        Assert.Matches(@"^test/crash\s+Kills", Assert.Single(output.StdoutLines, l => l.StartsWith("test/crash ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Tools_Json_PrintsEachToolsOutputSchemaNextToItsInputSchema()
    {
        var output = await workspace.StudioAsync("tools", "--json", "--mcp-config", workspace.TestMcpConfig);

        Assert.True(output.ExitCode == 0, output.ToString());
        using var document = System.Text.Json.JsonDocument.Parse(output.Stdout);
        var tools = document.RootElement.EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        var add = tools["test/add"]; // the MCP server's Tool.outputSchema, as declared
        Assert.Equal("object", add.GetProperty("input_schema").GetProperty("type").GetString());
        Assert.Equal("object", add.GetProperty("output_schema").GetProperty("type").GetString());
        Assert.True(add.GetProperty("output_schema").GetProperty("properties").TryGetProperty("sum", out _), add.ToString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, tools["test/sleep"].GetProperty("output_schema").ValueKind); // declares none
        Assert.Equal(System.Text.Json.JsonValueKind.Object, tools["builtin/delay"].GetProperty("output_schema").ValueKind); // a built-in's own
    }

    [Fact]
    public async Task Tools_Listing_MarksToolsThatDeclareAnOutputSchema()
    {
        var output = await workspace.StudioAsync("tools", "--mcp-config", workspace.TestMcpConfig);

        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Matches(@"^test/add\s+\[read-only, idempotent, output schema\] Adds two numbers", Assert.Single(output.StdoutLines, l => l.StartsWith("test/add ", StringComparison.Ordinal)));
        Assert.Matches(@"^test/sleep\s+\[[a-z, -]*\] ", Assert.Single(output.StdoutLines, l => l.StartsWith("test/sleep ", StringComparison.Ordinal)));
        Assert.DoesNotContain("output schema", Assert.Single(output.StdoutLines, l => l.StartsWith("test/sleep ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_ServerCannotStart_ExitsTwoNamingTheServerAndItsStderrTail()
    {
        var config = workspace.Write("broken-mcp.json", """
            { "mcpServers": { "broken": { "command": "sh", "args": ["-c", "echo starting >&2; echo boom: missing API key >&2; exit 3"] } } }
            """);

        var output = await workspace.StudioAsync("tools", "--mcp-config", config);

        Assert.True(output.ExitCode == 2, output.ToString());
        Assert.StartsWith("broken: unavailable: MCP server 'broken' failed to start", output.StderrLines[0], StringComparison.Ordinal);
        Assert.Contains("boom: missing API key", output.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output.Stderr, StringComparison.Ordinal); // a clear message, not a stack trace
        Assert.Contains(output.StdoutLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^builtin \(\d+ tools\)$")); // the servers that work are still listed
    }

    [Fact]
    public async Task Tools_VsCodeMcpJson_ListsItsServerAndWarnsAboutIgnoredSettings()
    {
        var config = workspace.Write(Path.Combine(".vscode", "mcp.json"), $$"""
            {
              "inputs": [],
              "servers": {
                "test": { "type": "stdio", "command": "dotnet", "args": [{{System.Text.Json.JsonSerializer.Serialize(Tools.TestServers.McpTestServerDll)}}], "dev": { "watch": "**/*.cs" } }
              }
            }
            """);

        var output = await workspace.StudioAsync("tools", "--mcp-config", config);

        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Single(output.StdoutLines, l => l.StartsWith("test/destructive_delete ", StringComparison.Ordinal));
        Assert.Contains("$.servers.test.dev: ignored: VS Code's development mode", output.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-mcp.json", null, "missing-mcp.json' does not exist")]
    [InlineData("invalid-mcp.json", """{ "mcpServers": { "x": { } } }""", "$.mcpServers.x: needs either \"command\" or \"url\"")]
    public async Task Tools_BadMcpConfig_ExitsTwoWithTheProblemNotACrash(string name, string? content, string message)
    {
        var config = content is null ? Path.Combine(workspace.Root, name) : workspace.Write(name, content);

        var output = await workspace.StudioAsync("tools", "--mcp-config", config);

        Assert.True(output.ExitCode == 2, output.ToString());
        Assert.StartsWith("studio: The MCP server configuration cannot be used (fix the file or pass another file with --mcp-config)", output.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, output.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("McpToolHubOptions", output.Stderr, StringComparison.Ordinal); // no internal names
        Assert.DoesNotContain("   at ", output.Stderr, StringComparison.Ordinal);
    }
}
