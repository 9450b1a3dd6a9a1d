using Microsoft.Extensions.Logging;
using Npgsql;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>
/// The process's one LISTEN connection, for every channel the engine waits on (journal events, node jobs). It reconnects
/// with backoff when the connection drops (Hangfire.PostgreSql's own long-polling listener does not: its issue #410),
/// checks an idle connection is still alive, and tells every subscriber after each (re)connect so it can catch up on
/// notifications sent while nobody was listening.
/// </summary>
internal sealed partial class PostgresNotificationListener : IAsyncDisposable
{
    /// <summary>The channels listened on: the journal's events and the node job queue.</summary>
    public static readonly IReadOnlyList<string> Channels = [PostgresDatabase.EventChannel, PostgresNodeJobQueue.Channel];

    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresNotificationListener> _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Action>> _subscribers = new(StringComparer.Ordinal);
    private readonly List<Action> _reconnected = [];
    private Task? _loop;

    public PostgresNotificationListener(PostgresDatabase database, TimeProvider time, ILogger<PostgresNotificationListener> logger)
    {
        _connectionString = database.ConnectionString;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Calls <paramref name="onNotification"/> for each notification on <paramref name="channel"/>, and
    /// <paramref name="onConnected"/> (default: <paramref name="onNotification"/>) after every (re)connect; starts
    /// listening on the first subscription. Callbacks run on the listener: keep them short.
    /// </summary>
    public void Subscribe(string channel, Action onNotification, Action? onConnected = null)
    {
        if (!Channels.Contains(channel))
        {
            throw new ArgumentException($"Channel '{channel}' is not listened on; add it to {nameof(PostgresNotificationListener)}.{nameof(Channels)}.", nameof(channel));
        }
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(channel, out var list))
            {
                _subscribers[channel] = list = [];
            }
            list.Add(onNotification);
            _reconnected.Add(onConnected ?? onNotification);
            _loop ??= Task.Run(() => ListenAsync(_stop.Token), CancellationToken.None);
        }
    }

    /// <summary>The callbacks of <paramref name="channel"/>, or with null the reconnect callbacks of every subscriber.</summary>
    private void Notify(string? channel)
    {
        Action[] callbacks;
        lock (_gate)
        {
            callbacks = channel is null
                ? [.. _reconnected]
                : _subscribers.TryGetValue(channel, out var list) ? [.. list] : [];
        }
        foreach (var callback in callbacks)
        {
            callback();
        }
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        var delay = FirstRetryDelay;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(stop);
                connection.Notification += (_, e) => Notify(e.Channel);
                await using (var listen = new NpgsqlCommand(string.Concat(Channels.Select(c => $"LISTEN {c};")), connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }
                delay = FirstRetryDelay;
                Notify(null); // catch up on whatever was sent while not listening
                while (!stop.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(IdleCheck, stop))
                    {
                        // Quiet for a while: make sure the connection is still there (a vanished server sends no error).
                        await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = 10 };
                        await ping.ExecuteScalarAsync(stop);
                    }
                }
            }
            catch (Exception exception) when (stop.IsCancellationRequested && exception is not OperationCanceledException)
            {
                // Stopping while the database went away too (e.g. 57P01 from a server shutting down): nothing to reconnect.
                LogListenerEndedWhileStopping(exception);
                return;
            }
            catch (Exception exception) when (!stop.IsCancellationRequested)
            {
                LogListenerLost(exception, delay.TotalMilliseconds);
                await Task.Delay(delay, _time, stop);
                delay = TimeSpan.FromMilliseconds(Math.Min(MaxRetryDelay.TotalMilliseconds, delay.TotalMilliseconds * 2));
            }
        }
    }

    /// <summary>Stops listening; never throws, whatever the database does meanwhile (a process stopping with its database).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stop.CancelAsync(); // runs the driver's cancellation callbacks, which talk to the server
            if (_loop is not null)
            {
                await _loop;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (Exception exception)
        {
            LogListenerEndedWhileStopping(exception);
        }
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LISTEN connection ended with an error while this process was stopping")]
    private partial void LogListenerEndedWhileStopping(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LISTEN connection lost; reconnecting in {DelayMs} ms")]
    private partial void LogListenerLost(Exception exception, double delayMs);
}
