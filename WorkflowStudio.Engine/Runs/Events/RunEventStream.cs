using System.Collections.Concurrent;

namespace WorkflowStudio.Engine.Runs.Events;

internal sealed class RunEventStream : IRunEventStream
{
    private readonly ConcurrentDictionary<RunEventSubscription, byte> _subscriptions = new();

    public void Publish(RunEvent runEvent)
    {
        foreach (var subscription in _subscriptions.Keys)
        {
            if (subscription.RunId is null || subscription.RunId == runEvent.RunId)
            {
                subscription.Deliver(runEvent);
            }
        }
    }

    public RunEventSubscription Subscribe(string? runId = null)
    {
        var subscription = new RunEventSubscription(runId, s => _subscriptions.TryRemove(s, out _));
        _subscriptions[subscription] = 0;
        return subscription;
    }
}
