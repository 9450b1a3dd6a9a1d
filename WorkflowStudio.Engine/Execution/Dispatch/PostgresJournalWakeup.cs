namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>
/// Wakes the journal tailer on the journal's NOTIFY (through the process's one LISTEN connection, which reconnects and
/// wakes every subscriber after a reconnect); every second without news also wakes it, so a lost notification delays an
/// event by at most one second.
/// </summary>
internal sealed class PostgresJournalWakeup : IJournalWakeup
{
    private static readonly TimeSpan Fallback = TimeSpan.FromSeconds(1);
    private readonly PostgresNotificationListener _listener;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private int _subscribed;

    public PostgresJournalWakeup(PostgresNotificationListener listener) => _listener = listener;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 0)
        {
            _listener.Subscribe(Persistence.PostgresDatabase.EventChannel, Signal);
        }
        await _signal.WaitAsync(Fallback, cancellationToken);
    }

    private void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another notification got there first: one wake-up covers both.
            }
        }
    }
}
