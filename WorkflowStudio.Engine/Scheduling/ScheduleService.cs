using System.Linq.Expressions;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Store;

namespace WorkflowStudio.Engine.Scheduling;

/// <summary>Schedules in the database, mirrored as Hangfire recurring jobs <c>schedule:ID</c> on this host's <see cref="JobStorage"/>.</summary>
internal sealed class ScheduleService : IScheduleService
{
    public const string RecurringIdPrefix = "schedule:";

    private readonly ScheduleStore _store;
    private readonly IWorkflowStore _workflows;
    private readonly IToolCatalog _catalog;
    private readonly RecurringJobManager _manager;
    private readonly JobStorage _storage;
    private readonly TimeProvider _time;
    private readonly ILogger<ScheduleService> _logger;

    public ScheduleService(
        ScheduleStore store, IWorkflowStore workflows, IToolCatalog catalog, RecurringJobManager manager, JobStorage storage,
        TimeProvider time, ILogger<ScheduleService> logger)
    {
        _store = store;
        _workflows = workflows;
        _catalog = catalog;
        _manager = manager;
        _storage = storage;
        _time = time;
        _logger = logger;
    }

    public static string RecurringId(string scheduleId) => RecurringIdPrefix + scheduleId;

    public async ValueTask<Schedule> CreateAsync(ScheduleDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = CronSchedule.Validate(draft.Cron, draft.TimeZone).ToList();
        var saved = string.IsNullOrWhiteSpace(draft.WorkflowId) ? null : await _workflows.GetAsync(draft.WorkflowId, cancellationToken: cancellationToken);
        if (saved is null)
        {
            errors.Insert(0, $"workflow '{draft.WorkflowId}': no saved workflow with this id; save it in the studio first, then pick it here.");
        }
        else
        {
            var problems = await WorkflowValidator.ValidateAsync(saved.Definition, _catalog.ForTenant(saved.TenantId), draft.Inputs, cancellationToken);
            errors.AddRange(problems.Select(p => $"workflow '{saved.Name}' with these inputs: {p}"));
        }
        if (errors.Count > 0)
        {
            throw new ScheduleException(string.Join(Environment.NewLine, errors));
        }
        var schedule = new Schedule
        {
            Id = Guid.CreateVersion7().ToString("N"),
            WorkflowId = saved!.Id,
            Cron = string.Join(' ', draft.Cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)),
            TimeZone = draft.TimeZone.Trim(),
            Inputs = draft.Inputs,
            CreatedAt = _time.GetUtcNow(),
        };
        await _store.InsertAsync(schedule, cancellationToken);
        Register(schedule);
        return schedule;
    }

    public ValueTask<Schedule?> GetAsync(string scheduleId, CancellationToken cancellationToken = default) => _store.GetAsync(scheduleId, cancellationToken);

    public ValueTask<IReadOnlyList<Schedule>> ListAsync(CancellationToken cancellationToken = default) => _store.ListAsync(cancellationToken);

    public async ValueTask<bool> PauseAsync(string scheduleId, CancellationToken cancellationToken = default)
    {
        var found = await _store.SetPausedAsync(scheduleId, true, cancellationToken);
        _manager.RemoveIfExists(RecurringId(scheduleId));
        return found;
    }

    public async ValueTask<bool> ResumeAsync(string scheduleId, CancellationToken cancellationToken = default)
    {
        if (!await _store.SetPausedAsync(scheduleId, false, cancellationToken))
        {
            return false;
        }
        Register((await _store.GetAsync(scheduleId, cancellationToken))!);
        return true;
    }

    public async ValueTask<bool> DeleteAsync(string scheduleId, CancellationToken cancellationToken = default)
    {
        var found = await _store.DeleteAsync(scheduleId, cancellationToken);
        _manager.RemoveIfExists(RecurringId(scheduleId));
        return found;
    }

    public async ValueTask<string> TriggerAsync(string scheduleId, CancellationToken cancellationToken = default)
    {
        var schedule = await _store.GetAsync(scheduleId, cancellationToken)
            ?? throw new ScheduleException($"no schedule with id '{scheduleId}'; list the schedules to pick one.");
        if (schedule.Paused)
        {
            throw new ScheduleException($"schedule '{scheduleId}' is paused; resume it before running it.");
        }
        Register(schedule); // the database is the truth: make sure Hangfire knows the job before triggering it
        return _manager.TriggerJob(RecurringId(scheduleId))
            ?? throw new ScheduleException($"Hangfire did not start schedule '{scheduleId}' (its recurring job is missing); try again.");
    }

    public async ValueTask<int> SynchronizeAsync(CancellationToken cancellationToken = default)
    {
        var schedules = await _store.ListAsync(cancellationToken);
        var active = new HashSet<string>(StringComparer.Ordinal);
        foreach (var schedule in schedules.Where(s => !s.Paused))
        {
            try
            {
                Register(schedule);
                active.Add(RecurringId(schedule.Id));
            }
            catch (ScheduleException exception)
            {
                // E.g. a time zone this machine does not know: the schedule stays, with the reason to see on the page.
                await _store.RecordErrorAsync(schedule.Id, exception.Message, cancellationToken);
                ScheduleLog.NotRegistered(_logger, schedule.Id, exception.Message);
            }
        }
        using var connection = _storage.GetConnection();
        var stale = connection.GetRecurringJobs()
            .Select(job => job.Id)
            .Where(id => id.StartsWith(RecurringIdPrefix, StringComparison.Ordinal) && !active.Contains(id))
            .ToArray();
        foreach (var id in stale)
        {
            _manager.RemoveIfExists(id);
        }
        ScheduleLog.Synchronized(_logger, active.Count, stale.Length);
        return active.Count;
    }

    private void Register(Schedule schedule)
    {
        var zone = CronSchedule.FindTimeZone(schedule.TimeZone);
        var id = schedule.Id;
        Expression<Func<ScheduleJob, Task>> call = job => job.ExecuteAsync(id, CancellationToken.None);
        _manager.AddOrUpdate(RecurringId(id), call, schedule.Cron, new RecurringJobOptions { TimeZone = zone });
    }
}
