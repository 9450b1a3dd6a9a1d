using Microsoft.AspNetCore.SignalR;

namespace WorkflowStudio.Web.Hubs;

/// <summary>
/// Live run events for external clients at <see cref="Path"/>. Call <c>Subscribe(runId)</c> (or <c>SubscribeAll()</c>)
/// and handle <see cref="EventMethod"/>: one JSON object per <c>RunEvent</c>, snake_case with a <c>type</c> discriminator
/// (<c>run_started</c>, <c>node_started</c>, <c>node_attempt_failed</c>, <c>node_finished</c>, <c>node_skipped</c>, <c>run_finished</c>).
/// </summary>
public sealed class RunsHub : Hub
{
    public const string Path = "/hubs/runs";
    public const string EventMethod = "runEvent";
    public const string AllRunsGroup = "runs:all";

    public static string GroupOf(string runId) => $"run:{runId}";

    public Task Subscribe(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(runId), Context.ConnectionAborted);
    }

    public Task Unsubscribe(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(runId), Context.ConnectionAborted);
    }

    public Task SubscribeAll() => Groups.AddToGroupAsync(Context.ConnectionId, AllRunsGroup, Context.ConnectionAborted);

    public Task UnsubscribeAll() => Groups.RemoveFromGroupAsync(Context.ConnectionId, AllRunsGroup, Context.ConnectionAborted);
}
