using Microsoft.Extensions.Configuration;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Tools;

public sealed class McpServersConfigTests
{
    private static readonly string BaseDirectory = Path.Combine(Path.GetTempPath(), "ws-config");

    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["GITHUB_TOKEN"] = "ghp_secret",
        ["API_HOST"] = "api.example.com",
    };

    private static McpServersConfig Parse(string json) =>
        McpServersConfig.Parse(json, "mcp.json", BaseDirectory, name => Environment.GetValueOrDefault(name));

    [Fact]
    public void Parse_StdioAndHttpServers_ResolvesPathsAndExpandsVariables()
    {
        var config = Parse("""
            {
              // comments and trailing commas are fine (VS Code writes them)
              "mcpServers": {
                "files": { "command": "./bin/files-server", "args": ["--root", "."], "env": { "TOKEN": "${GITHUB_TOKEN}" }, "cwd": "work" },
                "npx": { "type": "stdio", "command": "npx", "args": ["-y", "pkg"] },
                "remote": { "url": "https://${API_HOST}/mcp", "headers": { "Authorization": "Bearer ${env:GITHUB_TOKEN}" } },
                "off": { "command": "nothing", "disabled": true },
              }
            }
            """);

        Assert.Equal(["files", "npx", "remote"], config.Servers.Keys.Order(StringComparer.Ordinal));
        var files = config.Servers["files"];
        Assert.Equal(McpServerTransport.Stdio, files.Transport);
        Assert.Equal(Path.Combine(BaseDirectory, "bin", "files-server"), files.Command);
        Assert.Equal(["--root", "."], files.Args);
        Assert.Equal("ghp_secret", files.Env["TOKEN"]);
        Assert.Equal(Path.Combine(BaseDirectory, "work"), files.WorkingDirectory);
        Assert.Equal("npx", config.Servers["npx"].Command);
        var remote = config.Servers["remote"];
        Assert.Equal(McpServerTransport.Http, remote.Transport);
        Assert.Equal(new Uri("https://api.example.com/mcp"), remote.Url);
        Assert.Equal("Bearer ghp_secret", remote.Headers["Authorization"]);
        Assert.Equal("mcp.json", config.Source);
    }

    [Theory]
    [InlineData("""{ "mcpServers": { "files": { "args": [] } } }""", """mcp.json: $.mcpServers.files: needs either "command" or "url" """)]
    [InlineData("""{ "mcpServers": { "builtin": { "command": "x" } } }""", "mcp.json: $.mcpServers.builtin: the name 'builtin' is reserved")]
    [InlineData("""{ "mcpServers": { "a/b": { "command": "x" } } }""", "mcp.json: $.mcpServers['a/b']: server names cannot contain '/'")]
    [InlineData("""{ "mcpServers": { "x": { "command": "a", "url": "http://h/" } } }""", """mcp.json: $.mcpServers.x: has both "command" and "url" """)]
    [InlineData("""{ "mcpServers": { "x": { "command": "a", "args": ["ok", 3] } } }""", "mcp.json: $.mcpServers.x.args[1]: expected a string, got a number")]
    [InlineData("""{ "mcpServers": { "x": { "command": "a", "args": "--flag" } } }""", "mcp.json: $.mcpServers.x.args: expected an array of strings, got a string")]
    [InlineData("""{ "mcpServers": { "x": { "command": "a", "env": { "K": 1 } } } }""", "mcp.json: $.mcpServers.x.env.K: expected a string, got a number")]
    [InlineData("""{ "mcpServers": { "x": { "command": "a", "env": { "K": "${MISSING_VAR}" } } } }""", "mcp.json: $.mcpServers.x.env.K: environment variable MISSING_VAR is not set")]
    [InlineData("""{ "mcpServers": { "x": { "command": "a", "env": { "K": "${not valid}" } } } }""", "mcp.json: $.mcpServers.x.env.K: '${not valid}' is not a valid variable reference")]
    [InlineData("""{ "mcpServers": { "x": { "url": "ftp://h/x" } } }""", "mcp.json: $.mcpServers.x.url: 'ftp://h/x' is not an absolute http:// or https:// URL")]
    [InlineData("""{ "mcpServers": { "x": { "url": "http://h/", "args": [] } } }""", "mcp.json: $.mcpServers.x.args: \"args\" applies only to command (stdio) servers")]
    [InlineData("""{ "mcpServers": { "x": { "command": "a", "headers": {} } } }""", "mcp.json: $.mcpServers.x.headers: \"headers\" applies only to URL (HTTP) servers")]
    [InlineData("""{ "mcpServers": { "x": { "type": "sse", "url": "http://h/" } } }""", "mcp.json: $.mcpServers.x.type: server 'x' uses the legacy SSE transport, which WorkflowStudio does not support; point \"url\" at the server's Streamable HTTP endpoint")]
    [InlineData("""{ "servers": { "x": { "type": "sse", "url": "http://h/sse" } } }""", "mcp.json: $.servers.x.type: server 'x' uses the legacy SSE transport")]
    [InlineData("""{ "servers": { "x": { "type": "stdio", "command": "a", "envFile": "${workspaceFolder}/.env" } } }""", "mcp.json: $.servers.x.envFile: server 'x' loads variables from an \"envFile\", which WorkflowStudio does not read; list them under \"env\"")]
    [InlineData("""{ "servers": { "x": { "type": "stdio", "command": "a", "sandboxEnabled": true } } }""", "mcp.json: $.servers.x.sandboxEnabled: server 'x' asks for VS Code's sandbox")]
    [InlineData("""{ "servers": { "x": { "type": "http", "url": "https://h/${config:host}" } } }""", "mcp.json: $.servers.x.url: ${config:host} is an editor variable WorkflowStudio cannot resolve; use ${env:NAME}")]
    [InlineData("""{ "servers": { "x": { "command": "a" } }, "mcpServers": { "y": { "command": "b" } } }""", "mcp.json: $: has both \"mcpServers\" and \"servers\"; keep one list")]
    [InlineData("""{ "inputs": {}, "servers": { } }""", "mcp.json: $.inputs: expected an array of input definitions, got an object")]
    [InlineData("""{ "mcpServers": { "x": { "type": "grpc", "url": "http://h/" } } }""", "mcp.json: $.mcpServers.x.type: unknown type 'grpc'")]
    [InlineData("""{ "mcpServers": { "x": { "type": "stdio", "url": "http://h/" } } }""", "mcp.json: $.mcpServers.x.url: \"type\": \"stdio\" needs \"command\"")]
    [InlineData("""{ "mcpServers": { "x": "npx server" } }""", "mcp.json: $.mcpServers.x: expected an object with \"command\" or \"url\", got a string")]
    [InlineData("""{ "mcpServers": { "x": { "command": "a" }, "x": { "command": "b" } } }""", "mcp.json: $.mcpServers.x: server 'x' is configured twice")]
    [InlineData("""{ "globalShortcut": "" }""", "mcp.json: $: missing the list of servers: add \"mcpServers\" (Claude Desktop's shape) or \"servers\" (VS Code's .vscode/mcp.json shape)")]
    [InlineData("""[1]""", "mcp.json: $: expected an object")]
    public void Parse_InvalidConfiguration_ReportsSourceAndJsonPath(string json, string expected)
    {
        var error = Assert.Throws<McpConfigException>(() => Parse(json));

        Assert.Contains(error.Errors, line => line.StartsWith(expected.TrimEnd(), StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_VsCodeInputVariable_IsRefusedNamingTheServerFieldAndPrompt()
    {
        var error = Assert.Throws<McpConfigException>(() => Parse("""
            {
              "inputs": [ { "type": "promptString", "id": "perplexity-key", "description": "Perplexity API Key", "password": true } ],
              "servers": { "perplexity": { "type": "stdio", "command": "npx", "env": { "PERPLEXITY_API_KEY": "${input:perplexity-key}" } } }
            }
            """));

        var line = Assert.Single(error.Errors);
        Assert.StartsWith("mcp.json: $.servers.perplexity.env.PERPLEXITY_API_KEY: ${input:perplexity-key} asks the editor to prompt for input 'perplexity-key' (\"Perplexity API Key\")", line, StringComparison.Ordinal);
        Assert.EndsWith("export the value as an environment variable before WorkflowStudio starts and write ${env:NAME} here instead", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OtherClientsSettings_AreIgnoredWithAWarningEach()
    {
        var config = Parse("""
            {
              "globalShortcut": "Ctrl+Space",
              "mcpServers": { "files": { "command": "npx", "autoApprove": ["read_file"], "timeout": 60 } }
            }
            """);

        Assert.Equal("npx", config.Servers["files"].Command);
        Assert.Equal(
            [
                "mcp.json: $.globalShortcut: ignored: not an MCP server setting WorkflowStudio reads",
                "mcp.json: $.mcpServers.files.autoApprove: ignored: server 'files' has a setting WorkflowStudio does not know",
                "mcp.json: $.mcpServers.files.timeout: ignored: server 'files' has a setting WorkflowStudio does not know",
            ],
            config.Warnings);
    }

    [Fact]
    public void Load_ClaudeDesktopFile_ReadsCommandArgsAndEnv()
    {
        var folder = Directory.CreateTempSubdirectory("ws-claude-");
        try
        {
            // the shape of claude_desktop_config.json, with the app's own settings next to the servers
            var path = Path.Combine(folder.FullName, "claude_desktop_config.json");
            File.WriteAllText(path, """
                {
                  "mcpServers": {
                    "filesystem": {
                      "command": "npx",
                      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Desktop"]
                    },
                    "github": {
                      "command": "docker",
                      "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"],
                      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}" }
                    }
                  },
                  "globalShortcut": ""
                }
                """);

            var config = McpServersConfig.Load(path, name => Environment.GetValueOrDefault(name));

            Assert.Equal(["filesystem", "github"], config.Servers.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(["-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Desktop"], config.Servers["filesystem"].Args);
            Assert.Equal(McpServerTransport.Stdio, config.Servers["github"].Transport);
            Assert.Equal("ghp_secret", config.Servers["github"].Env["GITHUB_PERSONAL_ACCESS_TOKEN"]);
            Assert.Equal([$"{path}: $.globalShortcut: ignored: not an MCP server setting WorkflowStudio reads"], config.Warnings);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_VsCodeFile_ReadsTypedServersAndWorkspaceFolder()
    {
        var workspace = Directory.CreateTempSubdirectory("ws-vscode-");
        try
        {
            var path = Path.Combine(workspace.FullName, ".vscode", "mcp.json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, """
                {
                  "$schema": "vscode://schemas/mcp",
                  "inputs": [ { "type": "promptString", "id": "unused-key", "description": "Not referenced", "password": true } ],
                  "servers": {
                    "memory": { "type": "stdio", "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"] },
                    "files": {
                      "type": "stdio",
                      "command": "npx",
                      "args": ["-y", "@modelcontextprotocol/server-filesystem", "${workspaceFolder}/docs"],
                      "env": { "TOKEN": "${env:GITHUB_TOKEN}" },
                      "dev": { "watch": "src/**/*.ts" }
                    },
                    "context7": { "type": "http", "url": "https://mcp.context7.com/mcp", "headers": { "Authorization": "Bearer ${env:GITHUB_TOKEN}" } }
                  }
                }
                """);

            var config = McpServersConfig.Load(path, name => Environment.GetValueOrDefault(name));

            Assert.Equal(["context7", "files", "memory"], config.Servers.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(["-y", "@modelcontextprotocol/server-filesystem", $"{workspace.FullName}/docs"], config.Servers["files"].Args);
            Assert.Equal("ghp_secret", config.Servers["files"].Env["TOKEN"]);
            Assert.Equal(McpServerTransport.Http, config.Servers["context7"].Transport);
            Assert.Equal(new Uri("https://mcp.context7.com/mcp"), config.Servers["context7"].Url);
            Assert.Equal("Bearer ghp_secret", config.Servers["context7"].Headers["Authorization"]);
            Assert.Equal([$"{path}: $.servers.files.dev: ignored: VS Code's development mode (watch, debug) does not apply to WorkflowStudio"], config.Warnings);
        }
        finally
        {
            workspace.Delete(recursive: true);
        }
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsThemAll()
    {
        var error = Assert.Throws<McpConfigException>(() => Parse("""
            { "mcpServers": { "a": {}, "b": { "command": "x", "env": { "T": "${NOPE}" } }, "builtin": { "command": "y" } } }
            """));

        Assert.Equal(3, error.Errors.Count);
        Assert.Equal(string.Join(System.Environment.NewLine, error.Errors), error.Message);
    }

    [Fact]
    public void Parse_InvalidJson_ReportsLineAndColumn()
    {
        var error = Assert.Throws<McpConfigException>(() => Parse("{\n  \"mcpServers\": {\n    \"x\": { \"command\": oops }\n  }\n}"));

        Assert.StartsWith("mcp.json: invalid JSON at line 3, column ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ErrorMessages_NeverContainSecretValues()
    {
        var error = Assert.Throws<McpConfigException>(() => Parse("""
            { "mcpServers": { "x": { "command": "a", "env": { "T": "${GITHUB_TOKEN}", "U": "${UNSET_ONE}" } } } }
            """));

        Assert.DoesNotContain("ghp_secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_File_ResolvesRelativePathsAgainstItsFolderAndNamesItInErrors()
    {
        var folder = Directory.CreateTempSubdirectory("ws-mcp-");
        try
        {
            var good = Path.Combine(folder.FullName, "mcp.json");
            File.WriteAllText(good, """{ "mcpServers": { "local": { "command": "./server.sh", "cwd": "data" } } }""");
            var bad = Path.Combine(folder.FullName, "bad.json");
            File.WriteAllText(bad, """{ "mcpServers": { "files": { } } }""");

            var config = McpServersConfig.Load(good);
            var error = Assert.Throws<McpConfigException>(() => McpServersConfig.Load(bad));

            Assert.Equal(Path.Combine(folder.FullName, "server.sh"), config.Servers["local"].Command);
            Assert.Equal(Path.Combine(folder.FullName, "data"), config.Servers["local"].WorkingDirectory);
            Assert.Equal($"{bad}: $.mcpServers.files: needs either \"command\" or \"url\"", error.Message);
            Assert.Throws<FileNotFoundException>(() => McpServersConfig.Load(Path.Combine(folder.FullName, "missing.json")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_ExamplesFile_PointsAtTheNpmInstalledReferenceServer()
    {
        var config = McpServersConfig.Load(Path.Combine(TestServers.RepositoryRoot, "examples", "mcp.json"));

        var everything = config.Servers["everything"];
        Assert.Equal(Path.Combine(TestServers.RepositoryRoot, ".tools", "npm", "node_modules", ".bin", "mcp-server-everything"), everything.Command);
        Assert.Equal(["stdio"], everything.Args);
    }

    [Fact]
    public void FromConfiguration_Section_ReadsServersLikeTheJsonFile()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["mcpServers:files:command"] = "npx",
            ["mcpServers:files:args:0"] = "-y",
            ["mcpServers:files:args:1"] = "server-files",
            ["mcpServers:files:env:TOKEN"] = "${GITHUB_TOKEN}",
            ["mcpServers:remote:url"] = "http://127.0.0.1:3001/mcp",
        }).Build();

        var config = McpServersConfig.FromConfiguration(configuration, BaseDirectory, name => Environment.GetValueOrDefault(name));

        Assert.Equal(["-y", "server-files"], config.Servers["files"].Args);
        Assert.Equal("ghp_secret", config.Servers["files"].Env["TOKEN"]);
        Assert.Equal(McpServerTransport.Http, config.Servers["remote"].Transport);
    }

    [Fact]
    public void FromConfiguration_InvalidSection_ReportsConfigurationPath()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["mcpServers:files:args:0"] = "x",
        }).Build();

        var error = Assert.Throws<McpConfigException>(() => McpServersConfig.FromConfiguration(configuration, BaseDirectory));

        Assert.Equal("configuration: mcpServers:files: needs either \"command\" or \"url\"", error.Message);
    }

    [Fact]
    public void FromConfiguration_NoSection_IsEmpty()
    {
        var config = McpServersConfig.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.Empty(config.Servers);
    }

    [Fact]
    public void Describe_QuotesArgumentsWithSpacesAndHidesUrlQuery()
    {
        var config = Parse("""
            { "mcpServers": { "s": { "command": "sh", "args": ["-c", "echo hi"] }, "h": { "url": "http://host:1/mcp?key=abc" } } }
            """);

        Assert.Equal("sh -c \"echo hi\"", config.Servers["s"].Describe());
        Assert.Equal("http://host:1/mcp", config.Servers["h"].Describe());
    }

    [Fact]
    public void Describe_ShowsVariableReferencesNotTheirSecretValues()
    {
        var config = Parse("""
            { "mcpServers": {
                "s": { "command": "server", "args": ["--token", "${GITHUB_TOKEN}"] },
                "h": { "url": "https://${API_HOST}/${GITHUB_TOKEN}/mcp?k=${GITHUB_TOKEN}" } } }
            """);

        Assert.Equal(["--token", "ghp_secret"], config.Servers["s"].Args);
        Assert.Equal("server --token ${GITHUB_TOKEN}", config.Servers["s"].Describe());
        Assert.Equal("https://${API_HOST}/${GITHUB_TOKEN}/mcp", config.Servers["h"].Describe());
        Assert.Equal(new Uri("https://api.example.com/ghp_secret/mcp?k=ghp_secret"), config.Servers["h"].Url);
    }
}
