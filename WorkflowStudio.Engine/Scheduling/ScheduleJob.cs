using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowStudio.Engine.Scheduling;

/// <summary>The Hangfire recurring job entry point: one firing of one schedule starts one run of its saved workflow.</summary>
public sealed class ScheduleJob
{
    /// <summary>The queue of schedule firings, served by the studio's schedule server (not the node workers).</summary>
    public const string Queue = "schedules";

    private readonly IServiceProvider _services;

    public ScheduleJob(IServiceProvider services) => _services = services;

    /// <summary>No Hangfire retries: a firing that cannot start a run records why on the schedule, and the next one tries again.</summary>
    [AutomaticRetry(Attempts = 0)]
    [Queue(Queue)] // a filter, so it works on every Hangfire storage (not all support per-job queues)
    [JobDisplayName("schedule {0}")]
    public Task ExecuteAsync(string scheduleId, CancellationToken cancellationToken) =>
        _services.GetRequiredService<ScheduleRunner>().RunAsync(scheduleId, cancellationToken).AsTask();
}
