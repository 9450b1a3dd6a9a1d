using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tests.Scheduling;
using WorkflowStudio.Tools.Ai;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Tools.Ai;

/// <summary>A follow-up's run starts through the front door of the tenant whose run asked for it: quota and audit apply.</summary>
public sealed class FollowupJobTests
{
    [Fact]
    public async Task ExecuteAsync_TenantOverItsMonthlyRunQuota_FailsTheFollowupSayingWhy_WhileTheStartedRunIsTheTenantsAndAudited()
    {
        await using var host = await SchedulingHost.StartAsync(settings: new Dictionary<string, string?> { ["Pricing:Tiers:orchestrated_workflows:MonthlyRuns"] = "1" });
        await host.Tenants.EnsureTenantAsync("acme", "orchestrated");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var first = await ScheduleAsync(host, "run1:remind", timeout.Token);
        var second = await ScheduleAsync(host, "run2:remind", timeout.Token);

        await new FollowupJob(host.Services).ExecuteAsync(first, timeout.Token);
        await new FollowupJob(host.Services).ExecuteAsync(second, timeout.Token);

        await using var connection = await host.Services.GetRequiredService<SqliteDatabase>().OpenAsync(timeout.Token);
        var rows = (await connection.QueryAsync<(string Id, string Status, string? RunId, string? Error)>(
            "SELECT id, status, run_id, error FROM tool_followups")).ToDictionary(r => r.Id);
        Assert.Equal(("sent", null), (rows[first].Status, rows[first].Error));
        var runId = rows[first].RunId!;
        Assert.Equal("acme", (await host.Services.GetRequiredService<IRunReader>().GetRunAsync(runId, timeout.Token))!.TenantId);
        Assert.Equal(("failed", null), (rows[second].Status, rows[second].RunId));
        Assert.Contains($"{QuotaDecision.MonthlyRuns} quota", rows[second].Error, StringComparison.Ordinal);
        var started = Assert.Single(await host.Audit.ListAsync("acme", cancellationToken: timeout.Token), e => e.Action == "run.start");
        Assert.Equal((runId, "followup:run1:remind"), (started.Target, started.Actor));
    }

    /// <summary>A follow-up that starts the parallel-research template, as node <c>remind</c> of a run of acme schedules it.</summary>
    private static async Task<string> ScheduleAsync(SchedulingHost host, string idempotencyKey, CancellationToken cancellationToken)
    {
        var result = await host.Services.GetRequiredService<IToolInvoker>().InvokeAsync(new ToolCallRequest
        {
            Server = "builtin", Tool = "schedule_followup", TenantId = "acme", IdempotencyKey = idempotencyKey,
            Arguments = System.Text.Json.JsonSerializer.SerializeToElement(new { message = "Check in", delayHours = 24, templateId = "parallel-research" }),
        }, cancellationToken);
        Assert.False(result.IsError, result.ErrorMessage);
        return result.Output.GetProperty("followupId").GetString()!;
    }
}
