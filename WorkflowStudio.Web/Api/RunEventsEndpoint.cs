using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// <c>GET /api/runs/{id}/events</c>: the run's journaled events as Server-Sent Events (<c>id:</c> is the journal sequence
/// number, <c>event:</c> the kind, <c>data:</c> the event JSON), then live ones until <c>run_finished</c>. A client that
/// reconnects with <c>Last-Event-ID</c> gets exactly the events after it.
/// </summary>
internal static class RunEventsEndpoint
{
    private const int BatchSize = 500;

    /// <summary>The journal is re-read at least this often while waiting (events of other processes arrive anyway through the tailer).</summary>
    private static readonly TimeSpan IdleRecheck = TimeSpan.FromSeconds(10);

    internal static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> StreamAsync(
        string runId, HttpContext context, IRunReader runs, IRunEventLog log, IRunEventStream events, [FromHeader(Name = "Last-Event-ID")] string? lastEventId)
    {
        if (await RunsApi.FindAsync(runId, context, runs) is null)
        {
            return ApiProblems.NotFound("run", runId);
        }
        long after = 0;
        if (lastEventId is not null && !long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            return ApiProblems.BadRequest($"Last-Event-ID '{lastEventId}' is not an event id of this stream; send the last 'id:' you received.");
        }
        return TypedResults.ServerSentEvents(ReadAsync(runId, after, runs, log, events, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> ReadAsync(
        string runId, long after, IRunReader runs, IRunEventLog log, IRunEventStream events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var live = events.Subscribe(runId); // before reading the journal, so nothing falls between the two
        var seq = after;
        while (true)
        {
            var batch = await log.ReadEventsAsync(seq, BatchSize, runId, cancellationToken);
            foreach (var stored in batch)
            {
                seq = stored.Seq;
                var kind = KindOf(stored.Data);
                yield return new SseItem<string>(stored.Data, kind) { EventId = stored.Seq.ToString(CultureInfo.InvariantCulture) };
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
            await WaitForLiveEventAsync(live, cancellationToken);
        }
    }

    private static async Task WaitForLiveEventAsync(RunEventSubscription live, CancellationToken cancellationToken)
    {
        // Woken by a live event or after IdleRecheck either way: the journal is the source, live events only wake the reader.
        await live.WaitToReadAsync(IdleRecheck, TimeProvider.System, cancellationToken);
        while (live.Events.TryRead(out _))
        {
        }
    }

    private static string KindOf(string data)
    {
        using var document = JsonDocument.Parse(data);
        return document.RootElement.TryGetProperty("type", out var type) ? type.GetString() ?? "event" : "event";
    }
}
