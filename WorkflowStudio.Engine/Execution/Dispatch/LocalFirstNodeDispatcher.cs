using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>
/// In a worker process, starts a ready node right here when one of <c>slots</c> is free. A node made ready by a dependency
/// that finished in this process then starts without a queue round trip (a Hangfire job's creation, enqueue, fetch and
/// state changes: several database transactions on PostgreSQL), which is most of the dispatch latency. Beyond the slots,
/// a shared queue (PostgreSQL) gets the rest, so that other worker processes can take them; a queue only this process
/// reads (the embedded in-memory one) would only add its own cost, so there the rest wait here, in order, for a free
/// slot. Durability is the journal's, as for a queued job: the node is journaled queued before it is dispatched, so if
/// this process dies before starting it the recovery sweep dispatches it again, and once started it holds a lease like
/// any other. On stop, running nodes are cancelled and awaited (as Hangfire does with its jobs), and whatever becomes
/// ready from then on goes through the queue.
/// </summary>
internal sealed partial class LocalFirstNodeDispatcher : INodeDispatcher, IHostedService, IDisposable
{
    private readonly HangfireNodeDispatcher _queue;
    private readonly IServiceProvider _services;
    private readonly ILogger<LocalFirstNodeDispatcher> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly ConcurrentQueue<(string RunId, string NodeId)>? _backlog;
    private readonly DispatchedNodes _dispatched;
    private NodeExecutor? _executor;

    /// <param name="services">Where the <see cref="NodeExecutor"/> comes from, on first use: it depends on this dispatcher.</param>
    /// <param name="queueIsShared">Whether other processes fetch from the job queue (beyond the slots, nodes go there; else they wait here).</param>
    public LocalFirstNodeDispatcher(
        HangfireNodeDispatcher queue, IServiceProvider services, int slots, bool queueIsShared, DispatchedNodes dispatched, ILogger<LocalFirstNodeDispatcher> logger)
    {
        _dispatched = dispatched;
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _backlog = queueIsShared ? null : new ConcurrentQueue<(string, string)>();
        _queue = queue;
        _services = services;
        _logger = logger;
        _slots = new SemaphoreSlim(slots, slots);
    }

    private NodeExecutor Executor => _executor ??= _services.GetRequiredService<NodeExecutor>();

    public void Dispatch(string runId, IEnumerable<string> nodeIds)
    {
        List<string>? queued = null;
        var ids = nodeIds as IReadOnlyCollection<string> ?? [.. nodeIds];
        // Held until executed (a slot's wait can outlast the recovery sweep's grace): the sweep must not take them for lost.
        _dispatched.Hold(runId, ids);
        foreach (var nodeId in ids)
        {
            if (_stopping.IsCancellationRequested)
            {
                (queued ??= []).Add(nodeId);
            }
            else if (_backlog is not null)
            {
                _backlog.Enqueue((runId, nodeId));
            }
            else if (_slots.Wait(0))
            {
                Start(runId, nodeId);
            }
            else
            {
                (queued ??= []).Add(nodeId);
            }
        }
        if (queued is not null)
        {
            _queue.Dispatch(runId, queued);
        }
        StartWaiting();
    }

    /// <summary>
    /// Starts waiting nodes while slots are free. Called after every enqueue and every release of a slot, so a node never
    /// waits while a slot is free: either its enqueuer or the execution that frees the next slot starts it.
    /// </summary>
    private void StartWaiting()
    {
        while (_backlog is { IsEmpty: false } && !_stopping.IsCancellationRequested && _slots.Wait(0))
        {
            if (_backlog.TryDequeue(out var node))
            {
                Start(node.RunId, node.NodeId);
            }
            else
            {
                _slots.Release();
            }
        }
    }

    private void Start(string runId, string nodeId)
    {
        // On the thread pool, never inline: the caller is usually the dependency's own completion, and a chain must not
        // become a call stack.
        var execution = Task.Run(() => ExecuteAsync(runId, nodeId));
        _running.TryAdd(execution, 0);
        execution.ContinueWith(static (done, running) => ((ConcurrentDictionary<Task, byte>)running!).TryRemove(done, out _),
            _running, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task ExecuteAsync(string runId, string nodeId)
    {
        try
        {
            await Executor.ExecuteAsync(runId, nodeId, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            LogStoppedDuringNode(runId, nodeId);
        }
        catch (Exception exception)
        {
            // What a failed Hangfire job would leave: the journal still has the node queued or leased, and the recovery
            // sweep dispatches it again once its grace or lease runs out.
            LogNodeFailed(exception, runId, nodeId);
        }
        finally
        {
            _slots.Release();
            StartWaiting();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Cancels the nodes running here and waits for them (at most 10 s or until <paramref name="cancellationToken"/>).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_backlog is { IsEmpty: false })
        {
            // Journaled as queued: the recovery sweep of the next process to run dispatches them.
            LogLeftWaiting(_backlog.Count);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(OwnedJobServer.ShutdownTimeout);
        while (!_running.IsEmpty)
        {
            try
            {
                await Task.WhenAll(_running.Keys).WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                LogShutdownTimedOut(_running.Count);
                return;
            }
        }
    }

    /// <summary>
    /// Disposes the stop signal only: a node that outlived the shutdown timeout still releases its slot when it ends, so the
    /// semaphore (which holds no wait handle unless asked for one) stays usable.
    /// </summary>
    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} of run {RunId} was stopped with this process; its lease runs out and another worker takes it up (a tool that is neither read-only nor idempotent is not called again)")]
    private partial void LogStoppedDuringNode(string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {NodeId} of run {RunId} failed in this process; the recovery sweep dispatches it again")]
    private partial void LogNodeFailed(Exception exception, string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} ready nodes were still waiting for a slot when this process stopped; they stay queued in the journal for the recovery sweep")]
    private partial void LogLeftWaiting(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} nodes were still running when this process stopped; their leases run out and other workers take them up")]
    private partial void LogShutdownTimedOut(int count);
}
