namespace WorkflowStudio.Engine.Scheduling;

/// <summary>
/// Cron schedules of saved workflows. The studio database holds them; each active one is a Hangfire recurring job
/// (re-registered at start-up, since the embedded Hangfire storage is in memory) whose firing starts a run.
/// </summary>
public interface IScheduleService
{
    /// <summary>Validates the draft (saved workflow exists, cron, time zone, inputs against the workflow) and schedules it.</summary>
    /// <exception cref="ScheduleException">Something in the draft is wrong; the message says what and how to fix it.</exception>
    ValueTask<Schedule> CreateAsync(ScheduleDraft draft, CancellationToken cancellationToken = default);

    ValueTask<Schedule?> GetAsync(string scheduleId, CancellationToken cancellationToken = default);

    /// <summary>Every schedule, newest first, with its last run's status.</summary>
    ValueTask<IReadOnlyList<Schedule>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops firing (the recurring job is removed); false for an unknown schedule.</summary>
    ValueTask<bool> PauseAsync(string scheduleId, CancellationToken cancellationToken = default);

    /// <summary>Fires again from the next occurrence; false for an unknown schedule.</summary>
    ValueTask<bool> ResumeAsync(string scheduleId, CancellationToken cancellationToken = default);

    /// <summary>Removes the schedule and its recurring job; false for an unknown schedule.</summary>
    ValueTask<bool> DeleteAsync(string scheduleId, CancellationToken cancellationToken = default);

    /// <summary>Fires an active schedule now through Hangfire (as its cron would); returns the Hangfire job id.</summary>
    /// <exception cref="ScheduleException">The schedule is unknown or paused.</exception>
    ValueTask<string> TriggerAsync(string scheduleId, CancellationToken cancellationToken = default);

    /// <summary>Makes Hangfire's recurring jobs match the database: adds active schedules, removes paused and deleted ones.</summary>
    ValueTask<int> SynchronizeAsync(CancellationToken cancellationToken = default);
}
