using System.Runtime.CompilerServices;
using System.Text.Json;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Engine.Application;

/// <summary>
/// Follows one run's journal: the events after a sequence number, then the new ones as they are journaled, until
/// <c>run_finished</c>. The journal is the source; live events only wake the reader, which also re-reads every
/// <see cref="RunWaiting.Recheck"/> (events of other processes arrive through the tailer, possibly late).
/// </summary>
internal sealed class RunEventFollower(IRunReader runs, IRunEventLog log, IRunEventStream events, TimeProvider time)
{
    private const int BatchSize = 500;

    public async IAsyncEnumerable<JournaledEvent> FollowAsync(string runId, long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var live = events.Subscribe(runId); // before reading the journal, so nothing falls between the two
        var seq = afterSeq;
        while (true)
        {
            var batch = await log.ReadEventsAsync(seq, BatchSize, runId, cancellationToken);
            foreach (var stored in batch)
            {
                seq = stored.Seq;
                var kind = KindOf(stored.Data);
                yield return new JournaledEvent(stored.Seq, kind, stored.Data);
                if (kind == RunFinished.Kind)
                {
                    yield break;
                }
            }
            if (batch.Count == BatchSize)
            {
                continue;
            }
            if (batch.Count == 0 && await runs.GetRunAsync(runId, cancellationToken) is { } run && RunStatus.IsTerminal(run.Status))
            {
                yield break; // resumed after the last event of a finished run
            }
            await live.WaitToReadAsync(RunWaiting.Recheck, time, cancellationToken);
            while (live.Events.TryRead(out _))
            {
            }
        }
    }

    private static string KindOf(string data)
    {
        using var document = JsonDocument.Parse(data);
        return document.RootElement.TryGetProperty("type", out var type) ? type.GetString() ?? "event" : "event";
    }
}
