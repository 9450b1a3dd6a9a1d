using Hangfire;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.InMemory;
using WorkflowStudio.Engine.Execution;

namespace WorkflowStudio.Tests.Execution;

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
        var dispatcher = new HangfireNodeDispatcher(new BackgroundJobClient(storage, filters), limit);
        using var start = new Barrier(24);

        var callers = Enumerable.Range(0, 24).Select(run => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            dispatcher.Dispatch($"run-{run}", Enumerable.Range(0, 10).Select(n => $"node-{n}"));
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(callers);

        Assert.Equal(24 * 10, probe.Created);
        Assert.InRange(probe.MaxInFlight, 1, limit);
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
