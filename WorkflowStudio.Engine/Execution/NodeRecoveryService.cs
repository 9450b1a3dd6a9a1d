using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Execution.Dispatch;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// The journal is the dispatcher of record: this sweep re-queues nodes whose worker died (lease expired) and queued
/// nodes whose job was lost (a process crashed with them in its queue), then dispatches them. Completed nodes are never
/// touched; a duplicate delivery is harmless because starting a node is a guarded state change. Nodes of a run asked to
/// cancel are skipped instead ("the run was cancelled"), closing the run when they were its last. Before each sweep, the
/// nodes this process holds (waiting here for a slot or a queue, see <see cref="DispatchedNodes"/>) are marked as not lost.
/// </summary>
internal sealed partial class NodeRecoveryService : BackgroundService
{
    private readonly IRunStateStore _store;
    private readonly INodeDispatcher _dispatcher;
    private readonly DispatchedNodes _dispatched;
    private readonly RunContextCache _contexts;
    private readonly NodeCompleter _completer;
    private readonly TimeProvider _time;
    private readonly ExecutionOptions _options;
    private readonly ILogger<NodeRecoveryService> _logger;
    private readonly RunCloser _runs;

    public NodeRecoveryService(
        IRunStateStore store, INodeDispatcher dispatcher, DispatchedNodes dispatched, RunContextCache contexts, NodeCompleter completer, TimeProvider time,
        IOptions<ExecutionOptions> options, ILogger<NodeRecoveryService> logger, RunCloser runs)
    {
        _runs = runs;
        _dispatched = dispatched;
        _contexts = contexts;
        _completer = completer;
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
        var held = _dispatched.Held;
        _dispatched.Retain(held, await _store.RefreshQueuedAsync(held, now.ToUnixTimeMilliseconds(), cancellationToken));
        var grace = TimeSpan.FromSeconds(_options.QueuedGraceSeconds);
        var recovered = await _store.ClaimRecoverableNodesAsync(now.ToUnixTimeMilliseconds(), (now - grace).ToUnixTimeMilliseconds(), 500, cancellationToken);
        foreach (var node in recovered)
        {
            if (node.RunCancelled)
            {
                await SkipCancelledAsync(node, cancellationToken);
                continue;
            }
            LogRecovered(node.RunId, node.NodeId, node.PreviousStatus);
            _dispatcher.Dispatch(node.RunId, [node.NodeId]);
        }
        return recovered.Count;
    }

    /// <summary>
    /// A node of a run asked to cancel, whose worker died or whose job was lost: nothing of it runs again. It is completed as
    /// skipped (from queued, where the claim left it), and the run closes as cancelled if that was its last node.
    /// </summary>
    private async Task SkipCancelledAsync(RecoveredNode recovered, CancellationToken cancellationToken)
    {
        if (await _contexts.GetAsync(recovered.RunId, cancellationToken) is not { } context || context.Definition.FindNode(recovered.NodeId) is not { } node)
        {
            return;
        }
        LogSkippedCancelled(recovered.RunId, recovered.NodeId, recovered.PreviousStatus);
        var outcome = _completer.Outcome(context, node, NodeStatus.Skipped, "the run was cancelled", null, [], 0);
        await _completer.CompleteAsync(context, node, outcome, _time.GetUtcNow(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipping node {NodeId} of cancelled run {RunId} (was {PreviousStatus}: its worker stopped or its job was lost)")]
    private partial void LogSkippedCancelled(string runId, string nodeId, string previousStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-dispatching node {NodeId} of run {RunId} (was {PreviousStatus}: its worker stopped or its job was lost)")]
    private partial void LogRecovered(string runId, string nodeId, string previousStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovery sweep failed; trying again at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
