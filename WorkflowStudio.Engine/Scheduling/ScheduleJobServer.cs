using Hangfire;
using Microsoft.Extensions.Hosting;
using WorkflowStudio.Engine.Execution;

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
    private readonly JobStorage _storage;
    private readonly ServiceProviderJobActivator _activator;
    private BackgroundJobServer? _server;

    public ScheduleJobServer(IScheduleService schedules, JobStorage storage, ServiceProviderJobActivator activator)
    {
        _schedules = schedules;
        _storage = storage;
        _activator = activator;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _schedules.SynchronizeAsync(cancellationToken);
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                WorkerCount = WorkerCount,
                Queues = [ScheduleJob.Queue],
                Activator = _activator,
                ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:schedules:{Guid.NewGuid().ToString("N")[..8]}",
                ShutdownTimeout = TimeSpan.FromSeconds(10),
            },
            _storage);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }
        _server.SendStop();
        await _server.WaitForShutdownAsync(cancellationToken);
    }

    public void Dispose() => _server?.Dispose();
}
