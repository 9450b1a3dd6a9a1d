using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Hangfire;
using Hangfire.States;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// Enqueues one Hangfire job per ready node, straight from the finishing job: no scheduler poll on the hot path. With a
/// database-backed queue each enqueue is a few round trips (Hangfire creates the job, then enqueues it), so the nodes a
/// fan-out releases at once are enqueued <c>parallelism</c> at a time rather than one after another. The limit is per
/// process, across every dispatch: a burst of runs starting at once must not take more pooled connections than that.
/// </summary>
internal sealed class HangfireNodeDispatcher : INodeDispatcher
{
    public const string Queue = "nodes";

    /// <summary>Every queue a <see cref="NodeJobServer"/> fetches from (Hangfire's own jobs go to "default").</summary>
    public static readonly IReadOnlyList<string> ServerQueues = [Queue, "default"];

    /// <summary>Enqueues in flight at once in a process with PostgreSQL storage (each one holds a pooled connection meanwhile).</summary>
    public const int DatabaseParallelism = 8;

    private readonly IBackgroundJobClient _client;
    private readonly int _parallelism;
    private readonly SemaphoreSlim _inFlight;

    public HangfireNodeDispatcher(IBackgroundJobClient client, int parallelism = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _client = client;
        _parallelism = parallelism;
        _inFlight = new SemaphoreSlim(parallelism, parallelism);
    }

    public void Dispatch(string runId, IEnumerable<string> nodeIds)
    {
        var pending = new ConcurrentQueue<string>(nodeIds);
        // Extra lanes only for permits nobody holds now: under a burst the callers' own threads already fill the limit.
        var lanes = Math.Min(Math.Min(_parallelism, pending.Count), 1 + _inFlight.CurrentCount);
        if (lanes <= 1)
        {
            Drain(runId, pending);
            return;
        }
        // Dedicated threads, not the thread pool: each enqueue blocks on database I/O, and blocking pool threads would
        // starve the async node executions that run there.
        var failures = new ConcurrentQueue<ExceptionDispatchInfo>();
        var helpers = Enumerable.Range(1, lanes - 1).Select(_ => new Thread(() => DrainCapturing(runId, pending, failures))
        {
            IsBackground = true,
            Name = "node dispatch",
        }).ToArray();
        foreach (var helper in helpers)
        {
            helper.Start();
        }
        DrainCapturing(runId, pending, failures);
        foreach (var helper in helpers)
        {
            helper.Join();
        }
        if (failures.TryPeek(out var first))
        {
            // Callers see the first failure as if enqueued one by one; nodes not enqueued are found by the recovery sweep.
            first.Throw();
        }
    }

    private void DrainCapturing(string runId, ConcurrentQueue<string> pending, ConcurrentQueue<ExceptionDispatchInfo> failures)
    {
        try
        {
            Drain(runId, pending);
        }
        catch (Exception exception)
        {
            failures.Enqueue(ExceptionDispatchInfo.Capture(exception));
        }
    }

    private void Drain(string runId, ConcurrentQueue<string> pending)
    {
        while (pending.TryDequeue(out var nodeId))
        {
            Enqueue(runId, nodeId);
        }
    }

    private void Enqueue(string runId, string nodeId)
    {
        _inFlight.Wait();
        try
        {
            _client.Create<NodeJob>(job => job.ExecuteAsync(runId, nodeId, CancellationToken.None), new EnqueuedState(Queue));
        }
        finally
        {
            _inFlight.Release();
        }
    }
}
