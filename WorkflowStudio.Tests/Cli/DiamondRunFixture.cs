using System.Text.Json;

namespace WorkflowStudio.Tests.Cli;

/// <summary>Runs <c>studio run examples/diamond.json --input ms=300 --json</c> once; the tests read its output and its data dir.</summary>
public sealed class DiamondRunFixture : IAsyncLifetime
{
    public CliWorkspace Workspace { get; } = new();

    internal StudioOutput Output { get; private set; } = null!;

    public JsonElement Result { get; private set; }

    public async Task InitializeAsync()
    {
        Output = await Workspace.StudioAsync("run", StudioProcess.Example("diamond.json"), "--input", "ms=300", "--json");
        Result = Output.ExitCode == 0 ? CliWorkspace.Json(Output.Stdout) : throw new InvalidOperationException($"the diamond run failed: {Output}");
    }

    public Task DisposeAsync()
    {
        Workspace.Dispose();
        return Task.CompletedTask;
    }
}
