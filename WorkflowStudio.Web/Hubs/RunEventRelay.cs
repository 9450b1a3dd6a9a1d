using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Execution.Events;

namespace WorkflowStudio.Web.Hubs;

/// <summary>Forwards every event of <see cref="IRunEventStream"/> to the run's hub group and to the all-runs group.</summary>
internal sealed partial class RunEventRelay : BackgroundService
{
    private readonly IRunEventStream _events;
    private readonly IHubContext<RunsHub> _hub;
    private readonly ILogger<RunEventRelay> _logger;

    public RunEventRelay(IRunEventStream events, IHubContext<RunsHub> hub, ILogger<RunEventRelay> logger)
    {
        _events = events;
        _hub = hub;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = _events.Subscribe();
        try
        {
            await foreach (var runEvent in subscription.Events.ReadAllAsync(stoppingToken))
            {
                var payload = JsonSerializer.SerializeToElement(runEvent, EngineJson.Default.RunEvent);
                try
                {
                    await _hub.Clients.Groups(RunsHub.GroupOf(runEvent.RunId), RunsHub.AllRunsGroup)
                        .SendAsync(RunsHub.EventMethod, payload, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One unreachable client must not stop the relay for everyone else.
                    LogSendFailed(runEvent.RunId, runEvent.EventKind, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not relay {Kind} of run {RunId} to hub clients")]
    private partial void LogSendFailed(string runId, string kind, Exception exception);
}
