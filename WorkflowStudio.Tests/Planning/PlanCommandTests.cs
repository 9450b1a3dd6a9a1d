using System.Text.Json;
using WorkflowStudio.Web.Cli;

namespace WorkflowStudio.Tests.Planning;

/// <summary><c>studio plan</c> and <c>studio orchestrate</c> in-process, on the real engine host with the built-in tools and gallery.</summary>
public sealed class PlanCommandTests : IDisposable
{
    private const string Research = "Research \"tidal energy\" from news, papers and forums in parallel";
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "wfs-cli", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private async Task<(int Exit, string Out, string Err)> RunAsync(string verb, string[] args, string? stdin = null)
    {
        var all = new[] { verb }.Concat(args).Concat(["--data-dir", _dataDir, "--mcp-config", Path.Combine(_dataDir, "none.json")]).ToArray();
        Directory.CreateDirectory(_dataDir);
        await File.WriteAllTextAsync(Path.Combine(_dataDir, "none.json"), """{ "mcpServers": {} }""");
        var parsed = CliArguments.Parse(all, v => v == "plan"
            ? new HashSet<string> { "--input", "--out", "--template" }
            : new HashSet<string> { "--input", "--template" });
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        var exit = verb == "plan"
            ? await PlanCommand.ExecuteAsync(parsed, input, stdin is not null, output, error, CancellationToken.None)
            : await OrchestrateCommand.ExecuteAsync(parsed, input, stdin is not null, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Plan_Json_PrintsTheWorkflowWithMetadataAndExitsZero()
    {
        var (exit, output, error) = await RunAsync("plan", [Research, "--json"]);

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("template", json.RootElement.GetProperty("planner").GetString());
        Assert.Equal("parallel-research", json.RootElement.GetProperty("workflow").GetProperty("name").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("metadata").GetProperty("max_parallelism").GetInt32());
        Assert.Equal(["news", "digest"], json.RootElement.GetProperty("metadata").GetProperty("critical_path").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Plan_FromStdinWithOut_WritesARunnableWorkflowAndPrintsTheTable()
    {
        var file = Path.Combine(_dataDir, "plan.json");

        var (exit, output, error) = await RunAsync("plan", ["--out", file, "--input", "topic=tides"], stdin: Research + "\n");

        Assert.True(exit == 0, error);
        Assert.Contains("Plan 'parallel-research' (template planner)", output, StringComparison.Ordinal);
        Assert.Contains("Estimated duration", output, StringComparison.Ordinal);
        Assert.Contains("Inputs: topic=\"tides\"", output, StringComparison.Ordinal);
        var written = Engine.Workflows.WorkflowJson.Parse(await File.ReadAllTextAsync(file));
        Assert.Equal("tides", written.Workflow!.Inputs["topic"].Default!.Value.GetString());
    }

    [Fact]
    public async Task Plan_NothingFits_ExitsTwoAndSaysWhy()
    {
        var (exit, _, error) = await RunAsync("plan", ["Book", "a", "flight", "to", "Lisbon"]);

        Assert.Equal(2, exit);
        Assert.Contains("studio: no valid plan (template planner):", error, StringComparison.Ordinal);
        Assert.Contains("Nothing fits \"Book a flight to Lisbon\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_NoRequest_IsAUsageError()
    {
        await Assert.ThrowsAsync<CliUsageException>(() => RunAsync("plan", []));
    }

    [Fact]
    public async Task Orchestrate_PlansRunsAndPrintsTheSeedShapedResult()
    {
        var (exit, output, error) = await RunAsync("orchestrate", [Research, "--json"]);

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("success", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("results").GetArrayLength());
        Assert.Contains("plan 'parallel-research' (template planner, 4 nodes", error, StringComparison.Ordinal);
    }
}
