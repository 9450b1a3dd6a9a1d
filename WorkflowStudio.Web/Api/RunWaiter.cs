using ModelContextProtocol;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// Waits for a run started through the API or MCP, reporting progress (nodes done of nodes) as its events arrive.
/// Stops waiting when the run finishes or when a node waits for approval (a person must act first); a cancelled
/// wait cancels the run when <c>cancelRunOnAbort</c> says so.
/// </summary>
internal sealed class RunWaiter(IRunCoordinator coordinator, IRunEventStream events)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(2);

    public async Task<RunResult> WaitAsync(string runId, int nodes, IProgress<ProgressNotificationValue>? progress, bool cancelRunOnAbort,
        CancellationToken cancellationToken)
    {
        using var subscription = events.Subscribe(runId);
        var done = 0;
        try
        {
            // Subscribed first, then read: an event between the two is not lost.
            var current = await coordinator.GetResultAsync(runId, cancellationToken);
            if (current is not null && (RunStatus.IsTerminal(current.Status) || current.Status == RunStatus.AwaitingApproval))
            {
                return current;
            }
            while (await NextAsync(subscription, cancellationToken) is var (open, runEvent) && open)
            {
                switch (runEvent)
                {
                    case null:
                        // Nothing for a while: ask the store, in case this process missed another process's event.
                        current = await coordinator.GetResultAsync(runId, cancellationToken);
                        if (current is not null && (RunStatus.IsTerminal(current.Status) || current.Status == RunStatus.AwaitingApproval))
                        {
                            return current;
                        }
                        break;
                    case NodeFinished or NodeSkipped:
                        done++;
                        progress?.Report(new ProgressNotificationValue { Progress = done, Total = nodes, Message = $"{runEvent.NodeId}: {runEvent.EventKind}" });
                        break;
                    case NodeStarted:
                        progress?.Report(new ProgressNotificationValue { Progress = done, Total = nodes, Message = $"{runEvent.NodeId}: started" });
                        break;
                    case NodeAwaitingApproval awaiting:
                        progress?.Report(new ProgressNotificationValue { Progress = done, Total = nodes, Message = $"{awaiting.NodeId}: awaiting approval" });
                        return (await coordinator.GetResultAsync(runId, cancellationToken))!;
                    case RunFinished:
                        return await coordinator.WaitAsync(runId, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && cancelRunOnAbort)
        {
            await coordinator.CancelAsync(runId, "the caller cancelled while waiting for the run", CancellationToken.None);
            throw;
        }
        return await coordinator.WaitAsync(runId, cancellationToken);
    }

    /// <summary>The next event; (true, null) when none came within <see cref="Recheck"/>; (false, null) when the stream ended.</summary>
    private static async Task<(bool Open, RunEvent? Event)> NextAsync(RunEventSubscription subscription, CancellationToken cancellationToken)
    {
        if (await subscription.WaitToReadAsync(Recheck, TimeProvider.System, cancellationToken))
        {
            return (true, subscription.Events.TryRead(out var next) ? next : null);
        }
        return (!subscription.Events.Completion.IsCompleted, null);
    }
}
