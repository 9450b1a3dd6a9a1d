using System.Diagnostics;
using System.Text.Json;

namespace WorkflowStudio.Tests.Cli;

/// <summary>
/// <c>studio run</c> interrupted by SIGTERM or SIGINT while it waits: with the embedded storage (this process executes the
/// run) the run is cancelled and its result printed; the process never sits on after the signal.
/// </summary>
public sealed class InterruptTests : IClassFixture<CliWorkspace>
{
    private readonly CliWorkspace _workspace;

    public InterruptTests(CliWorkspace workspace) => _workspace = workspace;

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Run_SignalledWhileANodeAwaitsApproval_CancelsTheRunAndExits(string signal)
    {
        var file = _workspace.Write($"gate-{signal}.json", """
            { "name": "gate", "nodes": [ { "id": "gate", "tool": "builtin/echo", "args": { "value": "x" }, "approval": "required" } ] }
            """);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _workspace.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { StudioProcess.Dll, "run", file, "--json", "--data-dir", _workspace.DataDir })
        {
            start.ArgumentList.Add(arg);
        }
        using var studio = new InterruptedProcess(start);
        await studio.WaitForStderrAsync("waiting for approval");

        var (exit, stdout, stderr) = await studio.SignalAndWaitAsync(signal);

        Assert.True(exit == 1, $"exit {exit}; stderr:\n{stderr}");
        Assert.Contains("interrupted: cancelling run", stderr, StringComparison.Ordinal);
        using var result = JsonDocument.Parse(stdout);
        Assert.Equal("cancelled", result.RootElement.GetProperty("status").GetString());
    }
}
