using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine.Execution.Events;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// Publishes, in this process, the run events other processes journal: the web process sees nodes finishing on
/// workers, a waiting CLI sees its run finish elsewhere. Events from this process are skipped (already published).
/// Sequence numbers can commit out of order (PostgreSQL); a gap is waited for briefly before being passed over.
/// </summary>
internal sealed partial class JournalTailer : BackgroundService
{
    private const int Batch = 500;
    private static readonly TimeSpan GapPatience = TimeSpan.FromSeconds(5);
    private readonly IRunStore _store;
    private readonly IRunEventStream _stream;
    private readonly IJournalWakeup _wakeup;
    private readonly WorkerIdentity _identity;
    private readonly TimeProvider _time;
    private readonly ILogger<JournalTailer> _logger;
    private readonly SortedSet<long> _seenAhead = [];
    private long _watermark;
    private (long Seq, DateTimeOffset Since)? _gap;

    public JournalTailer(IRunStore store, IRunEventStream stream, IJournalWakeup wakeup, WorkerIdentity identity, TimeProvider time, ILogger<JournalTailer> logger)
    {
        _store = store;
        _stream = stream;
        _wakeup = wakeup;
        _identity = identity;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _watermark = await _store.GetLatestEventSeqAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await _wakeup.WaitAsync(stoppingToken);
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogCatchUpFailed(exception);
            }
        }
    }

    internal async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var events = await _store.ReadEventsAsync(_watermark, Batch, cancellationToken: cancellationToken);
            var fresh = 0;
            foreach (var stored in events)
            {
                if (!_seenAhead.Add(stored.Seq))
                {
                    continue;
                }
                fresh++;
                if (stored.Origin != _identity.Id && JsonSerializer.Deserialize(stored.Data, EngineJson.Default.RunEvent) is { } runEvent)
                {
                    _stream.Publish(runEvent with { Seq = stored.Seq });
                }
            }
            Advance();
            if (fresh == 0 || events.Count < Batch)
            {
                return;
            }
        }
    }

    private void Advance()
    {
        while (_seenAhead.Count > 0)
        {
            var next = _seenAhead.Min;
            if (next <= _watermark)
            {
                _seenAhead.Remove(next);
                continue;
            }
            if (next == _watermark + 1)
            {
                _seenAhead.Remove(next);
                _watermark = next;
                _gap = null;
                continue;
            }
            // A gap: a transaction holding that number may still commit. Wait a little, then pass over it.
            var now = _time.GetUtcNow();
            if (_gap is not { } gap || gap.Seq != _watermark + 1)
            {
                _gap = (_watermark + 1, now);
                return;
            }
            if (now - gap.Since < GapPatience)
            {
                return;
            }
            _watermark++;
            _gap = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading journal events from other processes failed; retrying")]
    private partial void LogCatchUpFailed(Exception exception);
}
