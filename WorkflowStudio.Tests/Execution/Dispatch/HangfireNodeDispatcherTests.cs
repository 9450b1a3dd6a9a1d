using Hangfire;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.InMemory;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Execution.Dispatch;

namespace WorkflowStudio.Tests.Execution.Dispatch;

/// <summary>
/// The dispatcher's enqueue limit holds per process, across every dispatch: a burst of runs starting at once must not
/// take more of the database pool than the limit (the full benchmark exhausted a 200-connection pool without it).
/// </summary>
public sealed class HangfireNodeDispatcherTests
{
    [Fact]
    public async Task Dispatch_ManyCallersAtOnce_KeepEnqueuesInFlightWithinTheLimit()
    {
        const int limit = 4;
        var probe = new ConcurrencyProbe();
        var filters = new JobFilterCollection { probe };
        using var storage = new InMemoryStorage();
        using var dispatcher = new HangfireNodeDispatcher(new BackgroundJobClient(storage, filters), limit);
        using var start = new Barrier(24);

        var callers = Enumerable.Range(0, 24).Select(run => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            dispatcher.Dispatch($"run-{run}", Enumerable.Range(0, 10).Select(n => $"node-{n}"));
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(callers);
        await WaitUntilAsync(() => probe.Created == 24 * 10);

        Assert.Equal(24 * 10, probe.Created);
        Assert.InRange(probe.MaxInFlight, 1, limit);
    }

    /// <summary>
    /// Dispatch is called from async node completions on the thread pool: blocking there on the job storage took, under a
    /// burst, the very threads the database's answers needed (the full benchmark stalled with 150 pool threads in Dispatch).
    /// </summary>
    [Fact]
    public async Task Dispatch_WhileTheStorageIsBlocked_ReturnsAtOnceAndEnqueuesOnceItAnswers()
    {
        using var gate = new ManualResetEventSlim(false);
        var blocked = new BlockingFilter(gate);
        using var storage = new InMemoryStorage();
        using var dispatcher = new HangfireNodeDispatcher(new BackgroundJobClient(storage, new JobFilterCollection { blocked }), 2);

        var dispatch = Task.Run(() => dispatcher.Dispatch("run", ["a", "b", "c"]));
        var returned = await Task.WhenAny(dispatch, Task.Delay(TimeSpan.FromSeconds(10))) == dispatch;
        gate.Set();

        Assert.True(returned, "Dispatch waited for the blocked storage");
        await WaitUntilAsync(() => storage.GetMonitoringApi().EnqueuedCount(HangfireNodeDispatcher.Queue) == 3);
        Assert.Equal(3, storage.GetMonitoringApi().EnqueuedCount(HangfireNodeDispatcher.Queue));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    /// <summary>Holds every job creation until the gate opens, as a storage that does not answer.</summary>
    private sealed class BlockingFilter(ManualResetEventSlim gate) : IClientFilter
    {
        public void OnCreating(CreatingContext context) => gate.Wait(TimeSpan.FromSeconds(30));

        public void OnCreated(CreatedContext context)
        {
        }
    }

    /// <summary>A Hangfire client filter that counts creations in flight; each one lingers so that overlaps show.</summary>
    private sealed class ConcurrencyProbe : IClientFilter
    {
        private int _inFlight;
        private int _maxInFlight;
        private int _created;

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);
        public int Created => Volatile.Read(ref _created);

        public void OnCreating(CreatingContext context)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }
            Thread.Sleep(5);
        }

        public void OnCreated(CreatedContext context)
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _created);
        }
    }
}
