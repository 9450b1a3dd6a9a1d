using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Tests.Scheduling;

namespace WorkflowStudio.Tests.Cli;

/// <summary><c>studio run</c> starts through the operator's tenant's front door: its quota applies and the start is audited as <c>cli:USER</c>.</summary>
public sealed class RunVerbQuotaTests
{
    [Fact]
    public async Task Run_OperatorsTenantOverItsMonthlyRunQuota_ExitsFourNamingTheLimit_WhileTheStartedRunIsAudited()
    {
        using var workspace = new CliWorkspace();
        var file = workspace.Write("one.json", """{ "name": "one", "nodes": [ { "id": "a", "tool": "builtin/echo", "args": { "value": "hi" } } ] }""");
        var limit = new Dictionary<string, string> { ["Pricing__Tiers__orchestrated_workflows__MonthlyRuns"] = "1" };

        var first = await StudioProcess.RunAsync(workspace.Root, limit, "run", file, "--json", "--data-dir", workspace.DataDir);
        var refused = await StudioProcess.RunAsync(workspace.Root, limit, "run", file, "--json", "--data-dir", workspace.DataDir);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(refused.ExitCode == 4, refused.ToString());
        Assert.Contains($"{QuotaDecision.MonthlyRuns} quota", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("Pricing__Tiers__orchestrated_workflows__MonthlyRuns=0", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty(refused.Stdout);
        var runId = CliWorkspace.Json(first.Stdout).GetProperty("run_id").GetString();
        await using var engine = await SchedulingHost.StartAsync(workspace.DataDir);
        var started = Assert.Single(await engine.Audit.ListAsync("default"), e => e.Action == "run.start");
        Assert.Equal((runId, $"cli:{Environment.UserName}"), (started.Target, started.Actor));
    }
}
