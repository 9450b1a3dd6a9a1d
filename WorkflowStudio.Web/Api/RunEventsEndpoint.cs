using System.Globalization;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WorkflowStudio.Engine.Application;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// <c>GET /api/runs/{id}/events</c>: the run's journaled events as Server-Sent Events (<c>id:</c> is the journal sequence
/// number, <c>event:</c> the kind, <c>data:</c> the event JSON), then live ones until <c>run_finished</c>. A client that
/// reconnects with <c>Last-Event-ID</c> gets exactly the events after it.
/// </summary>
internal static class RunEventsEndpoint
{
    internal static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> StreamAsync(
        string runId, HttpContext context, RunFrontDoor front, [FromHeader(Name = "Last-Event-ID")] string? lastEventId)
    {
        long after = 0;
        var validId = lastEventId is null || long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out after);
        var events = await RunsApi.RunsOf(context, front).FollowEventsAsync(runId, after, context.RequestAborted); // lazy: nothing read yet
        if (events is null)
        {
            return ApiProblems.NotFound("run", runId);
        }
        return validId
            ? TypedResults.ServerSentEvents(ToSse(events))
            : ApiProblems.BadRequest($"Last-Event-ID '{lastEventId}' is not an event id of this stream; send the last 'id:' you received.");
    }

    private static async IAsyncEnumerable<SseItem<string>> ToSse(IAsyncEnumerable<JournaledEvent> events)
    {
        await foreach (var journaled in events)
        {
            yield return new SseItem<string>(journaled.Data, journaled.Kind) { EventId = journaled.Seq.ToString(CultureInfo.InvariantCulture) };
        }
    }
}
