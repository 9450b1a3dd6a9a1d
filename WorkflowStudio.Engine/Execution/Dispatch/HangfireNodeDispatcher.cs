using System.Diagnostics;
using System.Threading.Channels;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>
/// Enqueues one Hangfire job per ready node, straight from the finishing node: no scheduler poll on the hot path.
/// <see cref="Dispatch"/> only hands the nodes to this process's enqueue threads and returns. Each enqueue blocks on
/// the job storage (with a database, Hangfire creates the job and then enqueues it: a few round trips), and blocking
/// the caller, usually an async node completion on the thread pool, would under a burst take the very threads the
/// database's answers need: the full benchmark stalled that way. The <c>parallelism</c> threads bound how many enqueues
/// are in flight in this process, across every run (a burst of run starts must not take more pooled connections).
/// Stopping drains: <see cref="Dispose"/> waits (up to <see cref="DrainTimeout"/>) for the nodes handed over so far to be
/// enqueued, so a short-lived process (<c>studio approve</c>, <c>studio run --no-wait</c>) hands its nodes to the workers
/// before it exits, not to the recovery sweep half a minute later. A node whose enqueue fails, or is still waiting when
/// the drain times out or the process dies, stays queued in the journal, and the recovery sweep dispatches it again.
/// </summary>
internal sealed partial class HangfireNodeDispatcher : INodeDispatcher, IDisposable
{
    public const string Queue = "nodes";

    /// <summary>Every queue a <see cref="NodeJobServer"/> fetches from (Hangfire's own jobs go to "default").</summary>
    public static readonly IReadOnlyList<string> ServerQueues = [Queue, "default"];

    /// <summary>Enqueues in flight at once in a process with PostgreSQL storage (each one holds a pooled connection meanwhile).</summary>
    public const int DatabaseParallelism = 8;

    private readonly IBackgroundJobClient _client;
    private readonly ILogger _logger;
    private readonly Channel<(string RunId, string NodeId)> _pending =
        Channel.CreateUnbounded<(string RunId, string NodeId)>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    /// <summary>How long stopping waits for the enqueues handed over before it (each is a few round trips to the job storage).</summary>
    internal static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private readonly Thread[] _threads;
    private readonly DispatchedNodes? _dispatched;

    /// <param name="dispatched">
    /// Where nodes handed to this dispatcher are held until executed (see <see cref="DispatchedNodes"/>); null in a process
    /// without a recovery sweep to refresh them (web only), where a node is in the job queue once its enqueue returned.
    /// </param>
    public HangfireNodeDispatcher(IBackgroundJobClient client, int parallelism = 1, ILogger<HangfireNodeDispatcher>? logger = null, DispatchedNodes? dispatched = null)
    {
        _dispatched = dispatched;
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _client = client;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _threads = Enumerable.Range(1, parallelism).Select(_ => new Thread(EnqueueLoop) { IsBackground = true, Name = "node enqueue" }).ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public void Dispatch(string runId, IEnumerable<string> nodeIds)
    {
        var ids = nodeIds as IReadOnlyCollection<string> ?? [.. nodeIds];
        _dispatched?.Hold(runId, ids); // waiting for an enqueue thread, then for a free worker: not lost
        foreach (var nodeId in ids)
        {
            if (!_pending.Writer.TryWrite((runId, nodeId)))
            {
                LogNotEnqueued(null, runId, nodeId); // disposed: the process is stopping
            }
        }
    }

    /// <summary>Dedicated threads, not the thread pool: each enqueue blocks on the job storage.</summary>
    private void EnqueueLoop()
    {
        var reader = _pending.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var node))
            {
                try
                {
                    _client.Create<NodeJob>(job => job.ExecuteAsync(node.RunId, node.NodeId, CancellationToken.None), new EnqueuedState(Queue));
                }
                catch (Exception exception)
                {
                    LogNotEnqueued(exception, node.RunId, node.NodeId);
                }
            }
        }
    }

    /// <summary>
    /// Stops taking nodes and waits for the enqueue threads to hand over the ones already taken; what is still waiting after
    /// <see cref="DrainTimeout"/> (a storage that does not answer) stays queued in the journal, for the recovery sweep.
    /// </summary>
    public void Dispose()
    {
        if (!_pending.Writer.TryComplete())
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        foreach (var thread in _threads)
        {
            var left = DrainTimeout - Stopwatch.GetElapsedTime(started);
            if (!thread.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                LogDrainTimedOut(_pending.Reader.Count, DrainTimeout.TotalSeconds);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: {Pending} node(s) not enqueued within {Seconds} s; the recovery sweep dispatches them again")]
    private partial void LogDrainTimedOut(int pending, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {NodeId} of run {RunId} could not be enqueued; the recovery sweep dispatches it again")]
    private partial void LogNotEnqueued(Exception? exception, string runId, string nodeId);
}
