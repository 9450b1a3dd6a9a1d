using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Web.Auth;

namespace WorkflowStudio.Web.Hubs;

/// <summary>
/// Live run events for external clients at <see cref="Path"/>. Call <c>Subscribe(runId)</c> (or <c>SubscribeAll()</c>)
/// and handle <see cref="EventMethod"/>: one JSON object per <c>RunEvent</c>, snake_case with a <c>type</c> discriminator
/// (<c>run_started</c>, <c>node_started</c>, <c>node_progressed</c>, <c>node_attempt_failed</c>, <c>node_finished</c>, <c>node_skipped</c>, <c>run_finished</c>).
/// Everything is scoped to the caller's tenant (the default tenant in the open studio): subscribing to another tenant's
/// run fails as if it did not exist, and <c>SubscribeAll()</c> gets the runs of the caller's tenant only.
/// </summary>
internal sealed class RunsHub(IRunEventReplay replay, RunFrontDoor front) : Hub
{
    /// <summary>Events replayed per call of <see cref="Subscribe"/>; a client further behind calls again with the last <c>seq</c> it got.</summary>
    public const int ReplayLimit = 1000;

    public const string Path = "/hubs/runs";
    public const string EventMethod = "runEvent";

    public static string GroupOf(string runId) => $"run:{runId}";

    /// <summary>The group of every run of one tenant.</summary>
    public static string AllRunsGroupOf(string tenantId) => $"runs:all:{tenantId}";

    /// <summary>Joins the run's live feed and replays what the run journaled so far (every event carries its <c>seq</c>).</summary>
    public Task Subscribe(string runId) => Resume(runId, 0);

    /// <summary>
    /// Joins the run's live feed, then replays the run's journaled events after <paramref name="afterSeq"/>: a client that
    /// reconnects passes the last seq it saw and misses nothing. Events can arrive twice around the join; drop any seq
    /// already seen.
    /// </summary>
    /// <exception cref="HubException">The run does not exist in the caller's tenant.</exception>
    public async Task Resume(string runId, long afterSeq)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (await front.For(Tenant).FindAsync(runId, Context.ConnectionAborted) is null)
        {
            throw new HubException($"No run '{runId}' in your tenant; list yours at /runs.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(runId), Context.ConnectionAborted);
        foreach (var payload in await replay.ReadAsync(runId, afterSeq, ReplayLimit, Context.ConnectionAborted))
        {
            await Clients.Caller.SendAsync(EventMethod, payload, Context.ConnectionAborted);
        }
    }

    public Task Unsubscribe(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(runId), Context.ConnectionAborted);
    }

    /// <summary>Joins the feed of every run of the caller's tenant.</summary>
    public Task SubscribeAll() => Groups.AddToGroupAsync(Context.ConnectionId, AllRunsGroupOf(Tenant.Value), Context.ConnectionAborted);

    public Task UnsubscribeAll() => Groups.RemoveFromGroupAsync(Context.ConnectionId, AllRunsGroupOf(Tenant.Value), Context.ConnectionAborted);

    private TenantId Tenant => StudioCaller.Of(Context.User!).TenantId;
}

/// <summary>The journal as the hub replays it: payloads in the same shape as live events.</summary>
public interface IRunEventReplay
{
    ValueTask<IReadOnlyList<JsonElement>> ReadAsync(string runId, long afterSeq, int limit, CancellationToken cancellationToken);
}
