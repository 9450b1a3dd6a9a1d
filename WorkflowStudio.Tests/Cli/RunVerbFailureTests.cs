namespace WorkflowStudio.Tests.Cli;

/// <summary><c>studio run</c> that fails, that gets bad input, and of the seed's format against a real MCP server.</summary>
public sealed class RunVerbFailureTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    [Fact]
    public async Task Run_NodeFails_ExitsOneWithStatusFailedAndTheReason()
    {
        var key = Guid.NewGuid().ToString("N");
        var file = workspace.Write("failing.json", $$$"""
            { "name": "failing",
              "nodes": [
                { "id": "flaky", "tool": "test/fail_times", "args": { "key": "{{{key}}}", "times": 5 } },
                { "id": "after", "tool": "builtin/echo", "args": { "value": "{{ steps.flaky.output }}" } }
              ] }
            """);

        var output = await workspace.StudioAsync("run", file, "--mcp-config", workspace.TestMcpConfig, "--json");

        Assert.True(output.ExitCode == 1, output.ToString());
        var result = CliWorkspace.Json(output.Stdout);
        Assert.Equal("failed", result.GetProperty("status").GetString());
        var flaky = result.GetProperty("results")[0];
        Assert.Equal("error", flaky.GetProperty("status").GetString());
        Assert.Contains($"failure 1 of 5 for key {key}", flaky.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("skipped", result.GetProperty("results")[1].GetProperty("status").GetString());
        Assert.Contains("flaky", result.GetProperty("execution_summary").GetString(), StringComparison.Ordinal);
        Assert.Contains(output.StderrLines, l => l.Contains("flaky", StringComparison.Ordinal) && l.Contains($"failure 1 of 5 for key {key}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ms=abc", "--input ms=abc: expected an integer")]
    [InlineData("ms=1.5", "--input ms=1.5")]
    [InlineData("nope=1", "the workflow declares no input 'nope'")]
    public async Task Run_BadInput_ExitsTwoWithoutRunning(string input, string message)
    {
        var output = await workspace.StudioAsync("run", StudioProcess.Example("diamond.json"), "--input", input, "--json");

        Assert.True(output.ExitCode == 2, output.ToString());
        Assert.Contains(message, output.Stderr, StringComparison.Ordinal);
        Assert.Empty(output.Stdout);
        Assert.DoesNotContain("started", output.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SeedFormatExample_RunsItsActionsOnTheReferenceServer()
    {
        var output = await workspace.StudioAsync("run", StudioProcess.Example("sales-intelligence.seed.json"), "--mcp-config", StudioProcess.Example("mcp.json"), "--json");

        Assert.True(output.ExitCode == 0, output.ToString());
        var result = CliWorkspace.Json(output.Stdout);
        Assert.Equal("success", result.GetProperty("status").GetString());
        var results = result.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("action_id").GetString()!);
        Assert.Equal(["data_extraction", "status_check", "cool_down", "report_generation"], results.Keys);
        Assert.Equal("everything/get-sum", results["data_extraction"].GetProperty("tool").GetString());
        Assert.Contains("4600", results["data_extraction"].GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Equal("builtin/delay", results["cool_down"].GetProperty("tool").GetString());
        Assert.Equal("Q3_2024", results["report_generation"].GetProperty("result").GetProperty("period").GetString());
        Assert.True(results["cool_down"].GetProperty("started_at").GetDateTimeOffset() >= results["data_extraction"].GetProperty("finished_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Run_WithoutJson_PrintsAReadableTable()
    {
        var output = await workspace.StudioAsync("run", StudioProcess.Example("diamond.json"), "--input", "ms=10");

        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.StartsWith("Run ", output.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains(output.StdoutLines, l => l.StartsWith("STEP", StringComparison.Ordinal) && l.Contains("STATUS", StringComparison.Ordinal));
        Assert.Equal(5, output.StdoutLines.Count(l => l.Contains("builtin/delay", StringComparison.Ordinal) && l.Contains("success", StringComparison.Ordinal)));
        Assert.Contains(output.StdoutLines, l => l.StartsWith("Summary: ", StringComparison.Ordinal));
    }
}
