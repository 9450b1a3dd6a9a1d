using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Web.Hubs;

/// <summary>Forwards every event of <see cref="IRunEventStream"/> to the run's hub group and to the all-runs group.</summary>
internal sealed partial class RunEventRelay : BackgroundService
{
    private const int MaxRunsTracked = 10_000;
    private readonly IRunEventStream _events;
    private readonly IHubContext<RunsHub> _hub;
    private readonly IRunReader _runs;
    private readonly ILogger<RunEventRelay> _logger;

    // The tenant of each run with events in flight, so the all-runs feed goes to that tenant's group only.
    private readonly Dictionary<string, string> _tenants = new(StringComparer.Ordinal);

    public RunEventRelay(IRunEventStream events, IHubContext<RunsHub> hub, IRunReader runs, ILogger<RunEventRelay> logger)
    {
        _events = events;
        _hub = hub;
        _runs = runs;
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
                    var groups = await TenantOfAsync(runEvent.RunId, stoppingToken) is { } tenant
                        ? new[] { RunsHub.GroupOf(runEvent.RunId), RunsHub.AllRunsGroupOf(tenant) }
                        : [RunsHub.GroupOf(runEvent.RunId)];
                    if (runEvent is RunFinished)
                    {
                        _tenants.Remove(runEvent.RunId);
                    }
                    await _hub.Clients.Groups(groups).SendAsync(RunsHub.EventMethod, payload, stoppingToken);
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

    private async ValueTask<string?> TenantOfAsync(string runId, CancellationToken cancellationToken)
    {
        if (_tenants.TryGetValue(runId, out var tenant))
        {
            return tenant;
        }
        if (await _runs.GetRunAsync(runId, cancellationToken) is not { } run)
        {
            return null;
        }
        if (_tenants.Count >= MaxRunsTracked)
        {
            _tenants.Clear(); // runs that never reported RunFinished (another process crashed); looked up again when needed
        }
        _tenants[runId] = run.TenantId;
        return run.TenantId;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not relay {Kind} of run {RunId} to hub clients")]
    private partial void LogSendFailed(string runId, string kind, Exception exception);
}
