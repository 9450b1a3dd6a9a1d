namespace WorkflowStudio.Tests.Cli;

/// <summary><c>studio orchestrate</c>: plan a request in words and run it, in one step.</summary>
public sealed class OrchestrateVerbTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    [Fact]
    public async Task Orchestrate_RequestTheClosestTemplateDoesNotFit_ExitsTwoWithoutRunning()
    {
        var output = await workspace.StudioAsync("orchestrate", "Pay the electricity bill from my bank account");

        Assert.True(output.ExitCode == 2, output.ToString());
        Assert.Contains("not a good fit", output.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("started", output.Stderr, StringComparison.Ordinal);
    }
}
