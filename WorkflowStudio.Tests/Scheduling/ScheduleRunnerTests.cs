using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Scheduling;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Scheduling;

/// <summary>A schedule's firing starts its run through the workflow's tenant's front door: that tenant's quota and audit log apply.</summary>
public sealed class ScheduleRunnerTests
{
    private static WorkflowDefinition Greeting() => new()
    {
        Name = "greeting",
        Nodes = [new WorkflowNode { Id = "hello", Tool = "builtin/echo", Args = JsonSerializer.SerializeToElement(new { value = "hello" }) }],
    };

    [Fact]
    public async Task RunAsync_TenantOverItsMonthlyRunQuota_RecordsTheRefusalAndStartsNothing_WhileTheStartedRunIsTheTenantsAndAudited()
    {
        await using var host = await SchedulingHost.StartAsync(settings: new Dictionary<string, string?> { ["Pricing:Tiers:orchestrated_workflows:MonthlyRuns"] = "1" });
        await host.Tenants.EnsureTenantAsync("acme", "orchestrated");
        var saved = await host.Workflows.SaveAsync(null, Greeting(), tenantId: "acme");
        var schedule = await host.Schedules.CreateAsync(new ScheduleDraft { WorkflowId = saved.Id, Cron = "@hourly" });
        var runner = host.Services.GetRequiredService<ScheduleRunner>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var first = await runner.RunAsync(schedule.Id, timeout.Token);
        var second = await runner.RunAsync(schedule.Id, timeout.Token);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal("acme", (await host.Services.GetRequiredService<IRunReader>().GetRunAsync(first, timeout.Token))!.TenantId);
        var recorded = (await host.Schedules.GetAsync(schedule.Id, timeout.Token))!;
        Assert.Equal(first, recorded.LastRunId);
        Assert.Contains($"{QuotaDecision.MonthlyRuns} quota", recorded.LastError, StringComparison.Ordinal);
        var started = Assert.Single(await host.Audit.ListAsync("acme", cancellationToken: timeout.Token), e => e.Action == "run.start");
        Assert.Equal((first, $"schedule:{schedule.Id}"), (started.Target, started.Actor));
    }
}
