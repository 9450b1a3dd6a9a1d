using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// Holds a running node's lease until the node's result is committed: renews it every third of its duration under the
/// lease's fencing token, so a live worker keeps the node and a dead one loses it when the lease runs out (the recovery
/// sweep then re-queues the node for another worker). When a renewal finds the lease taken over, or no renewal succeeded
/// for a whole lease (the database was unreachable that long, so the sweep may have re-queued the node), the lease is
/// <see cref="Lost"/>: the worker cancels its call and commits nothing.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _loop;

    public LeaseKeeper(IRunStateStore store, NodeKey node, string owner, long epoch, TimeSpan lease, TimeProvider time, Action<Exception> renewalFailed)
    {
        Lost = _lost.Token;
        _loop = RenewAsync(store, node, owner, epoch, lease, time, renewalFailed, _stop.Token);
    }

    /// <summary>Fires once the lease is lost: the node is, or may be, another worker's now.</summary>
    public CancellationToken Lost { get; }

    private async Task RenewAsync(
        IRunStateStore store, NodeKey node, string owner, long epoch, TimeSpan lease, TimeProvider time, Action<Exception> renewalFailed, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(lease / 3, time);
        // By this process's clock, the lease is certainly held until this moment (renewals are timed before they are sent).
        var heldUntil = time.GetUtcNow() + lease;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var asked = time.GetUtcNow();
                try
                {
                    if (!await store.RenewLeaseAsync(node.RunId, node.NodeId, owner, epoch, asked.ToUnixTimeMilliseconds(), lease, stop))
                    {
                        await _lost.CancelAsync(); // re-queued and perhaps taken again: the node is not this worker's any more
                        return;
                    }
                    heldUntil = asked + lease;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The database is briefly unreachable: try again at the next tick, unless the lease may have run out already.
                    renewalFailed(exception);
                    if (time.GetUtcNow() >= heldUntil)
                    {
                        await _lost.CancelAsync();
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed: the node's result is committed (or will not be).
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
            _lost.Dispose();
        }
    }
}
