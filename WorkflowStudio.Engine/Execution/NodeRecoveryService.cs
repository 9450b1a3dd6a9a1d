using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// The journal is the dispatcher of record: this sweep re-queues nodes whose worker died (lease expired) and queued
/// nodes whose job was lost (a process crashed with them in its queue), then dispatches them. Completed nodes are never
/// touched; a duplicate delivery is harmless because starting a node is a guarded state change.
/// </summary>
internal sealed partial class NodeRecoveryService : BackgroundService
{
    private readonly IRunStore _store;
    private readonly INodeDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly ExecutionOptions _options;
    private readonly ILogger<NodeRecoveryService> _logger;
    private readonly RunCloser _runs;

    public NodeRecoveryService(
        IRunStore store, INodeDispatcher dispatcher, TimeProvider time, IOptions<ExecutionOptions> options, ILogger<NodeRecoveryService> logger, RunCloser runs)
    {
        _runs = runs;
        _store = store;
        _dispatcher = dispatcher;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.RecoveryIntervalSeconds), _time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
                await _runs.SweepAsync(stoppingToken); // and runs left open (see RunCloser)
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var grace = TimeSpan.FromSeconds(_options.QueuedGraceSeconds);
        var recovered = await _store.ClaimRecoverableNodesAsync(now.ToUnixTimeMilliseconds(), (now - grace).ToUnixTimeMilliseconds(), 500, cancellationToken);
        foreach (var node in recovered)
        {
            LogRecovered(node.RunId, node.NodeId, node.PreviousStatus);
            _dispatcher.Dispatch(node.RunId, [node.NodeId]);
        }
        return recovered.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-dispatching node {NodeId} of run {RunId} (was {PreviousStatus}: its worker stopped or its job was lost)")]
    private partial void LogRecovered(string runId, string nodeId, string previousStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovery sweep failed; trying again at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
