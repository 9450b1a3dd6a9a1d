using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>
/// Publishes, in this process, the run events other processes journal: the web process sees nodes finishing on
/// workers, a waiting CLI sees its run finish elsewhere. Events from this process are skipped (already published).
/// Sequence numbers can commit out of order (PostgreSQL); a gap is waited for briefly before being passed over, and a
/// passed-over number is still looked up now and then for a while, so an event that commits very late is published late
/// rather than never (a rolled-back transaction leaves a number that never appears; it is dropped after that while).
/// </summary>
internal sealed partial class JournalTailer : BackgroundService
{
    private const int Batch = 500;
    private static readonly TimeSpan GapPatience = TimeSpan.FromSeconds(5);
    internal static readonly TimeSpan LatePatience = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LateRecheck = TimeSpan.FromSeconds(1);
    private const int MaxLate = 1000;
    private readonly IRunEventLog _store;
    private readonly IRunEventStream _stream;
    private readonly IJournalWakeup _wakeup;
    private readonly WorkerIdentity _identity;
    private readonly TimeProvider _time;
    private readonly ILogger<JournalTailer> _logger;
    private readonly SortedSet<long> _seenAhead = [];
    private long _watermark;
    private (long Seq, DateTimeOffset Since)? _gap;
    private readonly SortedDictionary<long, DateTimeOffset> _late = [];
    private DateTimeOffset _lateCheckedAt;

    public JournalTailer(IRunEventLog store, IRunEventStream stream, IJournalWakeup wakeup, WorkerIdentity identity, TimeProvider time, ILogger<JournalTailer> logger)
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
                Publish(stored);
            }
            Advance();
            if (fresh == 0 || events.Count < Batch)
            {
                break;
            }
        }
        await RecheckLateAsync(cancellationToken);
    }

    /// <summary>Looks up the passed-over numbers (at most once a second); publishes those that have committed since.</summary>
    private async Task RecheckLateAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_late.Count == 0 || now - _lateCheckedAt < LateRecheck)
        {
            return;
        }
        _lateCheckedAt = now;
        foreach (var (seq, since) in _late.ToList())
        {
            var found = await _store.ReadEventsAsync(seq - 1, 1, cancellationToken: cancellationToken);
            if (found.Count == 1 && found[0].Seq == seq)
            {
                _late.Remove(seq);
                Publish(found[0]);
            }
            else if (now - since >= LatePatience)
            {
                _late.Remove(seq);
            }
        }
    }

    private void Publish(StoredEvent stored)
    {
        if (stored.Origin != _identity.Id && JsonSerializer.Deserialize(stored.Data, EngineJson.Default.RunEvent) is { } runEvent)
        {
            _stream.Publish(runEvent with { Seq = stored.Seq });
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
            if (_late.Count < MaxLate)
            {
                _late[_watermark] = now;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading journal events from other processes failed; retrying")]
    private partial void LogCatchUpFailed(Exception exception);
}
