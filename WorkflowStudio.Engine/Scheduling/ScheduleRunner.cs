using System.Globalization;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Workflows.Store;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Engine.Scheduling;

/// <summary>
/// What one firing does: read the schedule (the database is the truth), start its saved workflow through the tenant's
/// front door (the schedule belongs to its workflow's tenant: that tenant's quotas apply, and the audit log names the
/// schedule as the actor, <c>schedule:ID</c>), record the run, or record why it did not start.
/// </summary>
internal sealed class ScheduleRunner
{
    private readonly ScheduleStore _store;
    private readonly IWorkflowStore _workflows;
    private readonly RunFrontDoor _runs;
    private readonly TimeProvider _time;
    private readonly ILogger<ScheduleRunner> _logger;

    public ScheduleRunner(ScheduleStore store, IWorkflowStore workflows, RunFrontDoor runs, TimeProvider time, ILogger<ScheduleRunner> logger)
    {
        _store = store;
        _workflows = workflows;
        _runs = runs;
        _time = time;
        _logger = logger;
    }

    /// <summary>Starts the run and returns its id; null when the schedule is gone, paused, or its workflow cannot run (recorded on it).</summary>
    public async ValueTask<string?> RunAsync(string scheduleId, CancellationToken cancellationToken = default)
    {
        var schedule = await _store.GetAsync(scheduleId, cancellationToken);
        if (schedule is null || schedule.Paused)
        {
            ScheduleLog.Skipped(_logger, scheduleId, schedule is null ? "deleted" : "paused");
            return null;
        }
        var saved = await _workflows.GetAsync(schedule.WorkflowId, cancellationToken: cancellationToken);
        if (saved is null)
        {
            return await FailAsync(schedule, $"saved workflow '{schedule.WorkflowId}' no longer exists; delete this schedule or save the workflow again", cancellationToken);
        }
        var outcome = await _runs.For(new TenantId(saved.TenantId)).StartAsync(
            new RunStartRequest($"schedule:{schedule.Id}", saved.Definition, schedule.Inputs) { WorkflowId = saved.Id }, cancellationToken);
        if (outcome.Quota is { } quota)
        {
            return await FailAsync(schedule, string.Create(CultureInfo.InvariantCulture,
                $"tenant '{saved.TenantId}' has used its {quota.Limit} quota ({quota.Used:0.##} of {quota.LimitValue:0.##}) until {quota.ResetsAt:yyyy-MM-dd HH:mm} UTC; ") +
                "this firing was skipped (the next one tries again); raise the tenant's tier or the tier's limits (Pricing:Tiers)",
                cancellationToken);
        }
        if (outcome.RunId is not { } runId)
        {
            return await FailAsync(schedule,
                $"version {saved.Version} of '{saved.Name}' does not validate with the schedule's inputs ({outcome.Errors.Count} problem(s), first: {outcome.Errors.FirstOrDefault()}); fix it in the studio and save",
                cancellationToken);
        }
        await _store.RecordRunAsync(schedule.Id, runId, _time.GetUtcNow(), cancellationToken);
        ScheduleLog.Started(_logger, schedule.Id, runId, saved.Id, saved.Version);
        return runId;
    }

    private async ValueTask<string?> FailAsync(Schedule schedule, string error, CancellationToken cancellationToken)
    {
        await _store.RecordErrorAsync(schedule.Id, error, cancellationToken);
        ScheduleLog.NotStarted(_logger, schedule.Id, schedule.WorkflowId);
        return null;
    }
}
