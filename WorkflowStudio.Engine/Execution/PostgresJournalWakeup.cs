using Microsoft.Extensions.Logging;
using Npgsql;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// LISTENs for the journal's NOTIFY on a dedicated connection, reconnecting with backoff when it drops (the failure
/// mode of Hangfire.PostgreSql #410); every reconnect and every second without news also wakes the tailer, so a lost
/// notification delays an event by at most one second.
/// </summary>
internal sealed partial class PostgresJournalWakeup : IJournalWakeup, IAsyncDisposable
{
    private static readonly TimeSpan Fallback = TimeSpan.FromSeconds(1);
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresJournalWakeup> _logger;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _listener;

    public PostgresJournalWakeup(PostgresDatabase database, TimeProvider time, ILogger<PostgresJournalWakeup> logger)
    {
        _connectionString = database.ConnectionString;
        _time = time;
        _logger = logger;
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        _listener ??= Task.Run(() => ListenAsync(_stop.Token), CancellationToken.None);
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

    private async Task ListenAsync(CancellationToken stop)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(stop);
                connection.Notification += (_, _) => Signal();
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresDatabase.EventChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }
                delay = TimeSpan.FromMilliseconds(100);
                Signal(); // catch up on whatever happened while not listening
                while (!stop.IsCancellationRequested)
                {
                    await connection.WaitAsync(stop);
                }
            }
            catch (Exception exception) when (!stop.IsCancellationRequested)
            {
                LogListenerLost(exception, delay.TotalMilliseconds);
                await Task.Delay(delay, _time, stop);
                delay = TimeSpan.FromMilliseconds(Math.Min(5000, delay.TotalMilliseconds * 2));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_listener is not null)
        {
            try
            {
                await _listener;
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal LISTEN connection lost; reconnecting in {DelayMs} ms")]
    private partial void LogListenerLost(Exception exception, double delayMs);
}
