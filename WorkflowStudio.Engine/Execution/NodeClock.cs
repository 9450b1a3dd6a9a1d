namespace WorkflowStudio.Engine.Execution;

/// <summary>A node call's timeout (<c>timeoutSeconds</c>), stopped while the call waits for a person and started afresh after.</summary>
internal sealed class NodeClock(CancellationTokenSource source, TimeSpan timeout)
{
    public void Stop() => source.CancelAfter(Timeout.InfiniteTimeSpan);

    public void Restart()
    {
        if (!source.IsCancellationRequested)
        {
            source.CancelAfter(timeout);
        }
    }
}
