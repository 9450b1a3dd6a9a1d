using System.Text.Json;

namespace WorkflowStudio.Tests.Cli;

/// <summary><c>studio run</c> of the diamond example, then <c>runs</c> and <c>show</c> on the same data dir.</summary>
public sealed class RunVerbTests(DiamondRunFixture diamond) : IClassFixture<DiamondRunFixture>
{
    private static readonly string[] Nodes = ["a", "b", "c", "d", "e"];

    [Fact]
    public void Run_DiamondWithJson_StdoutIsOnlyTheSeedShapedResult()
    {
        var result = diamond.Result; // stdout parsed as one JSON document: nothing else was printed there

        Assert.Equal("diamond", result.GetProperty("workflow_id").GetString());
        Assert.Equal(32, result.GetProperty("run_id").GetString()!.Length);
        Assert.Equal("success", result.GetProperty("status").GetString());
        Assert.Contains("succeeded", result.GetProperty("execution_summary").GetString(), StringComparison.Ordinal);
        var results = result.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(Nodes, results.Select(r => r.GetProperty("action_id").GetString()));
        foreach (var node in results)
        {
            Assert.Equal("builtin/delay", node.GetProperty("tool").GetString());
            Assert.Equal("success", node.GetProperty("status").GetString());
            Assert.Equal(300, node.GetProperty("result").GetProperty("waitedMs").GetInt32());
            Assert.Equal(1, node.GetProperty("attempts").GetInt32());
            Assert.True(node.GetProperty("execution_time").GetDouble() > 0);
            Assert.True(node.GetProperty("finished_at").GetDateTimeOffset() > node.GetProperty("started_at").GetDateTimeOffset());
            Assert.Equal(["inputs.ms"], node.GetProperty("context_used").EnumerateArray().Select(u => u.GetString()));
        }
        Assert.Equal(JsonValueKind.Array, result.GetProperty("next_actions").ValueKind);
        Assert.NotEmpty(result.GetProperty("next_actions").EnumerateArray());
        var metrics = result.GetProperty("performance_metrics");
        foreach (var name in new[] { "total_time_ms", "critical_path_ms", "tool_time_ms", "parallelism", "tool_calls", "retries", "tokens", "cost_usd" })
        {
            Assert.Equal(JsonValueKind.Number, metrics.GetProperty(name).ValueKind);
        }
        Assert.Equal(5, metrics.GetProperty("tool_calls").GetInt32());
        Assert.Equal(0, metrics.GetProperty("retries").GetInt32());
    }

    [Fact]
    public void Run_Diamond_MiddleNodesOverlapAndTheLastWaitsForThem()
    {
        var times = diamond.Result.GetProperty("results").EnumerateArray().ToDictionary(
            r => r.GetProperty("action_id").GetString()!,
            r => (Start: r.GetProperty("started_at").GetDateTimeOffset(), End: r.GetProperty("finished_at").GetDateTimeOffset()));
        var middle = new[] { times["b"], times["c"], times["d"] };

        Assert.True(middle.Max(t => t.Start) < middle.Min(t => t.End), "b, c and d did not overlap");
        Assert.All(middle, t => Assert.True(t.Start >= times["a"].End));
        Assert.True(times["e"].Start >= middle.Max(t => t.End));
    }

    [Fact]
    public void Run_Diamond_StderrHasOneProgressLinePerNodeEvent()
    {
        var lines = diamond.Output.StderrLines;

        Assert.Matches(@"^run [0-9a-f]{32} of 'diamond' started \(5 nodes\)$", lines[0]);
        var progress = lines[1..];
        Assert.All(progress, line => Assert.Matches(@"^\[\s*\d+\.\d\ds\] ", line));
        foreach (var node in Nodes)
        {
            Assert.Single(progress, line => line.Contains($"] {node,-24} started builtin/delay", StringComparison.Ordinal));
            Assert.Single(progress, line => line.Contains($"] {node,-24} success in ", StringComparison.Ordinal));
        }
        Assert.Matches(@"\] run success in \d+\.\d\ds$", progress[^1]);
        Assert.Equal(Nodes.Length * 2 + 1, progress.Length);
    }

    [Fact]
    public async Task Runs_SameDataDir_ListsTheRun()
    {
        var output = await diamond.Workspace.StudioAsync("runs", "--json");

        Assert.True(output.ExitCode == 0, output.ToString());
        var run = Assert.Single(CliWorkspace.Json(output.Stdout).EnumerateArray());
        Assert.Equal(diamond.Result.GetProperty("run_id").GetString(), run.GetProperty("run_id").GetString());
        Assert.Equal("diamond", run.GetProperty("workflow_id").GetString());
        Assert.Equal("success", run.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Show_RunIdWithJson_ReadsTheSameResultBack()
    {
        var runId = diamond.Result.GetProperty("run_id").GetString()!;

        var output = await diamond.Workspace.StudioAsync("show", runId, "--json");

        Assert.True(output.ExitCode == 0, output.ToString());
        var shown = CliWorkspace.Json(output.Stdout);
        Assert.Equal(runId, shown.GetProperty("run_id").GetString());
        Assert.Equal("success", shown.GetProperty("status").GetString());
        Assert.Equal(
            diamond.Result.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("action_id").GetString(), r.GetProperty("result").GetRawText(), r.GetProperty("started_at").GetDateTimeOffset())),
            shown.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("action_id").GetString(), r.GetProperty("result").GetRawText(), r.GetProperty("started_at").GetDateTimeOffset())));
        Assert.Equal(diamond.Result.GetProperty("output").GetRawText(), shown.GetProperty("output").GetRawText());
    }

    [Fact]
    public async Task Show_UnknownRunId_ExitsTwoAndPointsToRuns()
    {
        var output = await diamond.Workspace.StudioAsync("show", "no-such-run");

        Assert.True(output.ExitCode == 2, output.ToString());
        Assert.Contains("no run with id 'no-such-run'", output.Stderr, StringComparison.Ordinal);
    }
}
