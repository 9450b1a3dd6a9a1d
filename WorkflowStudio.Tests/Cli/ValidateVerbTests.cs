using System.Text.RegularExpressions;

namespace WorkflowStudio.Tests.Cli;

/// <summary><c>studio validate</c> and the command line itself, run as a real process.</summary>
public sealed partial class ValidateVerbTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    [Theory]
    [InlineData("diamond.json", "diamond", 5)]
    [InlineData("resilient-sum.json", "resilient-sum", 3)]
    [InlineData("sales-intelligence.seed.json", "analyze-q3-sales-performance-and-create-executive-dashboard", 4)]
    public async Task Validate_Example_ExitsZero(string example, string name, int nodes)
    {
        var output = await workspace.StudioAsync("validate", StudioProcess.Example(example), "--mcp-config", StudioProcess.Example("mcp.json"));

        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Contains($"valid workflow '{name}' with {nodes} nodes", output.Stdout, StringComparison.Ordinal);
        Assert.Empty(output.Stderr);
    }

    [Fact]
    public async Task Validate_SeveralErrors_ReportsEveryOneAsJsonPathLineAndExitsTwo()
    {
        var file = workspace.Write("broken.json", """
            { "name": "broken",
              "inputs": { "n": { "type": "number" } },
              "nodes": [
                { "id": "a", "tool": "builtin/echo", "args": { "value": "{{ inputs.missing }}" } },
                { "id": "a", "tool": "builtin/delay", "args": { "milliseconds": "x" } },
                { "id": "b", "tool": "builtin/ecko", "args": {}, "dependsOn": ["nope"] },
                { "id": "c", "tool": "builtin/echo", "args": { "value": "{{ steps.d.output }}" } },
                { "id": "d", "tool": "builtin/echo", "args": { "value": "{{ steps.c.output }}" } }
              ] }
            """);

        var output = await workspace.StudioAsync("validate", file);

        Assert.True(output.ExitCode == 2, output.ToString());
        Assert.Empty(output.Stdout);
        var lines = output.StderrLines;
        var errors = lines[..^1];
        Assert.Equal("broken.json: 6 errors", Path.GetFileName(lines[^1]));
        Assert.All(errors, line => Assert.Matches(ErrorLine(), line));
        string[] expected =
        [
            "$.nodes[0].args.value: binding 'inputs.missing'",
            "$.nodes[1].id: duplicate id 'a'",
            "$.nodes[1].args.milliseconds: expected integer, got string \"x\"",
            "$.nodes[2].tool: server 'builtin' has no tool 'ecko'; did you mean 'echo'?",
            "$.nodes[2].dependsOn[0]: no node has id 'nope'",
            "$.nodes[3]: dependency cycle: c -> d -> c",
        ];
        Assert.Equal(expected.Length, errors.Length);
        Assert.All(expected, start => Assert.Contains(errors, line => line.StartsWith(start, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("{\n  \"name\": \"x\",\n  \"nodes\": [ { \"id\": \"a\" \"tool\": \"b\" } ] }\n", "line 3, column 26")]
    [InlineData("{\n  \"name\": \"x\",\n  \"nodes\": [ { \"id\": \"a\", }\n", "line 4, column 1")]
    public async Task Validate_InvalidJson_ReportsLineAndColumn(string json, string where)
    {
        var file = workspace.Write($"invalid-{Guid.NewGuid():N}.json", json);

        var output = await workspace.StudioAsync("validate", file);

        Assert.True(output.ExitCode == 2, output.ToString());
        Assert.StartsWith($"$: invalid JSON at {where}: ", output.StderrLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_AgainstRealMcpServer_SuggestsNearToolNameAndChecksArgumentsAgainstItsSchema()
    {
        var file = workspace.Write("tools.json", """
            { "name": "tools",
              "nodes": [
                { "id": "nap", "tool": "test/slep", "args": { "ms": 1 } },
                { "id": "sum", "tool": "test/add", "args": { "a": "x" } }
              ] }
            """);

        var output = await workspace.StudioAsync("validate", file, "--mcp-config", workspace.TestMcpConfig);

        Assert.True(output.ExitCode == 2, output.ToString());
        Assert.Contains("$.nodes[0].tool: server 'test' has no tool 'slep'; did you mean 'sleep'?", output.StderrLines);
        Assert.Contains(output.StderrLines, l => l.StartsWith("$.nodes[1].args.a: expected number, got string \"x\"", StringComparison.Ordinal));
        Assert.Contains(output.StderrLines, l => l.StartsWith("$.nodes[1].args", StringComparison.Ordinal) && l.Contains("'b'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("frobnicate", "unknown verb 'frobnicate'")]
    [InlineData("validate x.json --bogus", "unknown option '--bogus' for 'studio validate'")]
    [InlineData("run", "'studio run' needs FILE")]
    [InlineData("run x.json --input", "option '--input' needs a value")]
    public async Task CommandLine_Wrong_ExitsTwoWithMessageAndUsage(string commandLine, string message)
    {
        // No --data-dir appended: a usage error must stop before anything touches the data folder.
        var output = await StudioProcess.RunAsync(workspace.Root, commandLine.Split(' '));

        Assert.True(output.ExitCode == 2, output.ToString());
        Assert.Equal($"studio: {message}", output.StderrLines[0]);
        Assert.Contains("usage: studio VERB [ARGS] [OPTIONS]", output.Stderr, StringComparison.Ordinal);
        Assert.Empty(output.Stdout);
    }

    [GeneratedRegex(@"^\$[^\s:]*: \S.*$")]
    private static partial Regex ErrorLine();
}
