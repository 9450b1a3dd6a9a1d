using System.Collections.Concurrent;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Tests.Cli;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Mcp.Conformance;

/// <summary>
/// Both directions of MCP against the official conformance suite, for each revision's frozen requirement list: our
/// <c>/mcp</c> endpoint as the server, and the <c>studio</c> command line as the client (<c>studio-client.cjs</c> lists the
/// scenario server's tools and runs a workflow that calls each). A scenario may fail only when the revision's baseline lists
/// it with a reason; the runner also fails when a listed scenario passes, so the baseline cannot go stale.
/// </summary>
public sealed class McpConformanceTests
{
    public static TheoryData<string> Revisions => new() { "2025-11-25", "2026-07-28" };

    [Theory]
    [MemberData(nameof(Revisions))]
    public async Task ServerScenarios_PassExceptTheBaselinedOnes(string revision)
    {
        await using var host = await ApiHost.StartAsync();
        await using var proxy = await KeyForwardingProxy.StartAsync(host.Address, await host.KeyAsync("conformance"));
        var output = Path.Combine(Path.GetTempPath(), "wfs-conformance", Guid.NewGuid().ToString("N"));

        var (exitCode, text) = await ConformanceRunner.RunAsync(
            ["server", "--url", new Uri(proxy.Address, "/mcp").ToString(), "--requirements", revision,
             "--expected-failures", ConformanceRunner.Baseline(revision), "-o", output],
            TimeSpan.FromMinutes(6));

        Assert.True(exitCode == 0, $"server scenarios of {revision}: the runner exited {exitCode}:\n{text}");
        Directory.Delete(output, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Revisions))]
    public async Task ClientScenarios_PassExceptTheBaselinedOnes(string revision)
    {
        // One scenario at a time (two side by side), not the runner's all-at-once suite: each scenario starts studio twice,
        // and forty .NET processes at once on a small machine time out the very handshakes the scenarios check.
        var scenarios = await ConformanceRunner.ScenariosAsync("--client", revision);
        Assert.Contains("tools_call", scenarios);
        string[] command = [ConformanceRunner.Node, Path.Combine(TestServers.RepositoryRoot, "WorkflowStudio.Tests", "Mcp", "Conformance", "studio-client.cjs"), StudioProcess.Dll];
        Assert.All(command, part => Assert.False(part.Contains(' ', StringComparison.Ordinal), $"the runner splits --command at spaces; move the checkout to a path without one ({part})"));
        var client = string.Join(' ', command);
        var failures = new ConcurrentBag<string>();

        await Parallel.ForEachAsync(scenarios, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (scenario, _) =>
        {
            var (exitCode, text) = await ConformanceRunner.RunAsync(
                ["client", "--command", client, "--scenario", scenario, "--spec-version", revision,
                 "--expected-failures", ConformanceRunner.Baseline(revision)],
                TimeSpan.FromMinutes(2));
            if (exitCode != 0)
            {
                failures.Add($"--- {scenario} (exit {exitCode}):\n{text}");
            }
        });

        Assert.True(failures.IsEmpty, $"client scenarios of {revision} against studio:\n{string.Join("\n", failures)}");
    }
}
