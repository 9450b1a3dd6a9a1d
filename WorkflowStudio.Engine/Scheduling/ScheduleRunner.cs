using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Workflows.Store;

namespace WorkflowStudio.Engine.Scheduling;

/// <summary>What one firing does: read the schedule (the database is the truth), start its saved workflow, record the run.</summary>
internal sealed class ScheduleRunner
{
    private readonly ScheduleStore _store;
    private readonly IWorkflowStore _workflows;
    private readonly IToolCatalog _catalog;
    private readonly IRunCoordinator _coordinator;
    private readonly TimeProvider _time;
    private readonly ILogger<ScheduleRunner> _logger;

    public ScheduleRunner(ScheduleStore store, IWorkflowStore workflows, IToolCatalog catalog, IRunCoordinator coordinator, TimeProvider time, ILogger<ScheduleRunner> logger)
    {
        _store = store;
        _workflows = workflows;
        _catalog = catalog;
        _coordinator = coordinator;
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
        var errors = await WorkflowValidator.ValidateAsync(saved.Definition, _catalog.ForTenant(saved.TenantId), schedule.Inputs, cancellationToken);
        if (errors.Count > 0)
        {
            return await FailAsync(schedule,
                $"version {saved.Version} of '{saved.Name}' does not validate with the schedule's inputs ({errors.Count} problem(s), first: {errors[0]}); fix it in the studio and save",
                cancellationToken);
        }
        var runId = await _coordinator.StartAsync(saved.Definition, schedule.Inputs, saved.Id, saved.TenantId, cancellationToken);
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
