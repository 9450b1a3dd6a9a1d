using System.Threading.Channels;

namespace WorkflowStudio.Engine.Runs.Events;

/// <summary>Live run events in this process (the journal holds them durably).</summary>
public interface IRunEventStream
{
    void Publish(RunEvent runEvent);

    /// <summary>Events of one run (or of all runs when <paramref name="runId"/> is null) from now on; dispose to stop.</summary>
    RunEventSubscription Subscribe(string? runId = null);
}

/// <summary>A live feed of events; dispose it to unsubscribe.</summary>
public sealed class RunEventSubscription : IDisposable
{
    private readonly Action<RunEventSubscription> _unsubscribe;
    private readonly Channel<RunEvent> _channel = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });

    internal RunEventSubscription(string? runId, Action<RunEventSubscription> unsubscribe)
    {
        RunId = runId;
        _unsubscribe = unsubscribe;
    }

    public string? RunId { get; }

    public ChannelReader<RunEvent> Events => _channel.Reader;

    internal void Deliver(RunEvent runEvent) => _channel.Writer.TryWrite(runEvent);

    /// <summary>
    /// Waits at most <paramref name="patience"/> for an event to read. False when none came in time (or the feed was
    /// disposed): live events can arrive late or not at all in a process that learns of them from the journal, so
    /// callers then consult the journal or the store, which are the truth.
    /// </summary>
    public async ValueTask<bool> WaitToReadAsync(TimeSpan patience, TimeProvider time, CancellationToken cancellationToken)
    {
        if (_channel.Reader.TryPeek(out _))
        {
            return true;
        }
        using var idle = new CancellationTokenSource(patience, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        try
        {
            return await _channel.Reader.WaitToReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _unsubscribe(this);
        _channel.Writer.TryComplete();
    }
}
