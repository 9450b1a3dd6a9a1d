using Hangfire;
using Microsoft.Extensions.Hosting;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Execution.Dispatch;

namespace WorkflowStudio.Engine.Scheduling;

/// <summary>
/// At start-up, rebuilds Hangfire's recurring jobs from the database (the embedded Hangfire storage starts empty),
/// then runs a small Hangfire server on the <see cref="ScheduleJob.Queue"/> queue: its recurring-job scheduler fires
/// due schedules and its worker starts their runs. Node jobs stay on the node workers' queue, so a process without
/// scheduling services (<c>--role worker</c>) never receives a schedule firing it cannot activate.
/// </summary>
internal sealed class ScheduleJobServer : IHostedService, IDisposable
{
    public const int WorkerCount = 2;

    private readonly IScheduleService _schedules;
    private readonly OwnedJobServer _server;

    public ScheduleJobServer(IScheduleService schedules, JobStorage storage, ServiceProviderJobActivator activator)
    {
        _schedules = schedules;
        _server = new OwnedJobServer(storage, activator);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _schedules.SynchronizeAsync(cancellationToken);
        _server.Start(role: "schedules:", WorkerCount, [ScheduleJob.Queue]);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync(cancellationToken);

    public void Dispose() => _server.Dispose();
}
