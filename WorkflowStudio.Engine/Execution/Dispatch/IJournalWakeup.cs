namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>Tells the journal tailer when to look for events written by other processes.</summary>
internal interface IJournalWakeup
{
    /// <summary>Completes when new events may exist (a notification, or the polling interval elapsed).</summary>
    Task WaitAsync(CancellationToken cancellationToken);
}

/// <summary>SQLite has no notifications: look every <paramref name="interval"/>.</summary>
internal sealed class PollingJournalWakeup(TimeSpan interval, TimeProvider time) : IJournalWakeup
{
    public Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(interval, time, cancellationToken);
}
