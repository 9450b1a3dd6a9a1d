using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Engine.Metering;

/// <summary>
/// Bills every run when it finishes (its own and other processes' runs: the journal tailer brings those).
/// Recording is idempotent per run, so several processes metering the same run bill it once.
/// </summary>
internal sealed partial class UsageMeter : BackgroundService
{
    private readonly IRunEventStream _events;
    private readonly IUsageLedger _ledger;
    private readonly ILogger<UsageMeter> _logger;

    public UsageMeter(IRunEventStream events, IUsageLedger ledger, ILogger<UsageMeter> logger)
    {
        _events = events;
        _ledger = ledger;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = _events.Subscribe();
        try
        {
            await foreach (var runEvent in subscription.Events.ReadAllAsync(stoppingToken))
            {
                if (runEvent is not RunFinished finished)
                {
                    continue;
                }
                try
                {
                    await _ledger.RecordRunAsync(finished.RunId, stoppingToken);
                }
                catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
                {
                    LogNotBilled(_logger, finished.RunId, exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} could not be billed: {Reason}")]
    private static partial void LogNotBilled(ILogger logger, string runId, string reason);
}
