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
    [InlineData("""{ "mcpServers": { "x": { "type": "sse", "url": "http://h/" } } }""", "mcp.json: $.mcpServers.x.type: the legacy SSE transport is not supported")]
    [InlineData("""{ "mcpServers": { "x": { "type": "grpc", "url": "http://h/" } } }""", "mcp.json: $.mcpServers.x.type: unknown type 'grpc'")]
    [InlineData("""{ "mcpServers": { "x": { "type": "stdio", "url": "http://h/" } } }""", "mcp.json: $.mcpServers.x.url: \"type\": \"stdio\" needs \"command\"")]
    [InlineData("""{ "mcpServers": { "x": "npx server" } }""", "mcp.json: $.mcpServers.x: expected an object with \"command\" or \"url\", got a string")]
    [InlineData("""{ "mcpServers": { "x": { "command": "a" }, "x": { "command": "b" } } }""", "mcp.json: $.mcpServers.x: server 'x' is configured twice")]
    [InlineData("""{ "servers": { } }""", "mcp.json: $: missing \"mcpServers\" (VS Code's \"servers\" shape")]
    [InlineData("""[1]""", "mcp.json: $: expected an object")]
    public void Parse_InvalidConfiguration_ReportsSourceAndJsonPath(string json, string expected)
    {
        var error = Assert.Throws<McpConfigException>(() => Parse(json));

        Assert.Contains(error.Errors, line => line.StartsWith(expected.TrimEnd(), StringComparison.Ordinal));
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
