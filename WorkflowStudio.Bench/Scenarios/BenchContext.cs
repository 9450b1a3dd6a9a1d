using System.Diagnostics;
using System.Text.Json;
using WorkflowStudio.Bench.Dags;
using WorkflowStudio.Bench.Infrastructure;
using WorkflowStudio.Bench.Reporting;

namespace WorkflowStudio.Bench.Scenarios;

/// <summary>What every scenario shares: options, the report, the benchmark DAGs and helpers.</summary>
internal sealed class BenchContext(BenchOptions options, BenchReport report)
{
    public BenchOptions Options { get; } = options;

    public BenchReport Report { get; } = report;

    public int MinMs => (int)Math.Round(50 * Options.LatencyScale);

    public int MaxMs => (int)Math.Round(200 * Options.LatencyScale);

    /// <summary>The DAGs of scenarios 1 and 2 (the same definitions for every runner), latencies 50–200 ms scaled by the mode.</summary>
    public IReadOnlyList<Dag> StandardDags { get; } = CreateDags(options);

    private static List<Dag> CreateDags(BenchOptions options)
    {
        var scale = options.LatencyScale;
        int Ms(int full) => (int)Math.Round(full * scale);
        var random = new Random(20261130);
        if (options.Smoke)
        {
            return [DagShapes.Diamond(Ms(200)), DagShapes.Layered("layered-4x3", 4, 3, random, Ms(50), Ms(200))];
        }
        return
        [
            DagShapes.Diamond(Ms(200)),
            DagShapes.UnevenBranches(Ms(200)),
            DagShapes.Chain(50, Ms(100)),
            DagShapes.FanOutIn(100, random, Ms(50), Ms(200)),
            DagShapes.Layered("layered-8x10", 8, 10, random, Ms(50), Ms(200)),
            DagShapes.Random("random-50", 50, random, Ms(50), Ms(200)),
        ];
    }

    /// <summary>An mcp.json naming McpTestServer over stdio as server <c>bench</c>, or null when it is not built.</summary>
    public string? McpConfigFile { get; } = WriteMcpConfig();

    private static string? WriteMcpConfig()
    {
        if (RepoPaths.McpTestServerDll is not { } dll)
        {
            return null;
        }
        var path = Path.Combine(Path.GetTempPath(), $"wfs-bench-mcp-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { mcpServers = new { bench = new { command = "dotnet", args = new[] { dll } } } }));
        return path;
    }

    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var stopwatch = Stopwatch.StartNew();
        await action();
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    public static string F(double value, string format = "0") => value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    public static string Percentiles(IReadOnlyList<double> values) =>
        values.Count == 0 ? "–" : $"{F(Stats.Percentile(values, 50), "0.0")} / {F(Stats.Percentile(values, 95), "0.0")} / {F(Stats.Percentile(values, 99), "0.0")}";
}
