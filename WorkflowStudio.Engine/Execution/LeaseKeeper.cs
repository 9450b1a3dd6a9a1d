using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// Renews a running node's lease every third of its duration, so a live worker keeps the node and a dead one loses it
/// when the lease runs out (the recovery sweep then re-queues the node for another worker).
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LeaseKeeper(IRunStore store, string runId, string nodeId, string owner, TimeSpan lease, TimeProvider time, Action<Exception> renewalFailed)
    {
        _loop = RenewAsync(store, runId, nodeId, owner, lease, time, renewalFailed, _stop.Token);
    }

    private static async Task RenewAsync(
        IRunStore store, string runId, string nodeId, string owner, TimeSpan lease, TimeProvider time, Action<Exception> renewalFailed, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(lease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    if (!await store.RenewLeaseAsync(runId, nodeId, owner, (time.GetUtcNow() + lease).ToUnixTimeMilliseconds(), stop))
                    {
                        return; // finished, awaiting approval, or taken over: nothing left to keep
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The database is briefly unreachable: try again at the next tick; the lease only lapses if this lasts.
                    renewalFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed: the node finished.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
