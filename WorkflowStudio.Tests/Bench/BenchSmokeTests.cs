using System.Diagnostics;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Bench;

/// <summary>
/// The benchmark harness still runs end to end (WorkflowStudio.Bench --smoke: tiny sizes, embedded engine, in-process
/// tools) and writes its report and chart. It measures nothing: speed belongs to scripts/bench, not to the test suite.
/// </summary>
public sealed class BenchSmokeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wfs-bench-smoke", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Main_Smoke_WritesReportWithEveryScenarioAndTheScalingChart()
    {
        var report = Path.Combine(_folder, "benchmarks.md");
        var (exitCode, output) = await RunBenchAsync("--smoke", "--out", report);

        Assert.True(exitCode == 0, $"the bench exited with {exitCode}:{Environment.NewLine}{output}");
        var markdown = await File.ReadAllTextAsync(report);
        Assert.Contains("mode: smoke", markdown, StringComparison.Ordinal);
        foreach (var section in new[] { "## Targets (issue 9)", "## 1. Critical-path efficiency", "## 2. Side by side", "## 3. Throughput", "## 4. Scaling", "## 5. Seed scenarios", "## 5b. Result cache hit path", "## 8a. Embedding throughput", "## 8b. Vector search on SQLite" })
        {
            Assert.Contains(section, markdown, StringComparison.Ordinal);
        }
        Assert.Contains("| embedded | diamond | 5 |", markdown, StringComparison.Ordinal);
        Assert.Contains("Agent Framework Workflows 1.28.0", markdown, StringComparison.Ordinal);
        Assert.Contains("| sales-intelligence | 10 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| all-MiniLM-L6-v2 | 384 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| cache hit |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1,000 |", markdown, StringComparison.Ordinal);
        Assert.Contains("![scaling curves](benchmarks.png)", markdown, StringComparison.Ordinal);
        var chart = await File.ReadAllBytesAsync(Path.Combine(_folder, "benchmarks.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], chart[..4]);
    }

    /// <summary>The bench built beside the tests (build dependency of this project), same configuration.</summary>
    private static string BenchDll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";
            var path = Path.Combine(TestServers.RepositoryRoot, "WorkflowStudio.Bench", "bin", configuration, "net10.0", "WorkflowStudio.Bench.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build the solution (dotnet build WorkflowStudio.sln).");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunBenchAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(BenchDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the bench did not finish within 2 minutes:{Environment.NewLine}{await stderr}");
        }
        return (process.ExitCode, $"{await stdout}{await stderr}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
