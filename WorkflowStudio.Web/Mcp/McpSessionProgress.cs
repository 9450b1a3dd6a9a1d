using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace WorkflowStudio.Web.Mcp;

/// <summary>
/// Progress notifications for a request handled outside the SDK's tool binding (a workflow tool), on the request's
/// progress token, sent one after another in the order reported (the SDK's own progress is internal to it).
/// </summary>
internal sealed class McpSessionProgress(McpSession session, ProgressToken? token) : IProgress<ProgressNotificationValue>
{
    private readonly Lock _gate = new();
    private Task _sending = Task.CompletedTask;

    public void Report(ProgressNotificationValue value)
    {
        if (token is not { } progressToken)
        {
            return; // the client asked for no progress
        }
        lock (_gate)
        {
            // Each waits for the one before it (whatever its outcome), so a slow send never lets a later count overtake it.
            _sending = _sending.ContinueWith(_ => session.NotifyProgressAsync(progressToken, value, cancellationToken: CancellationToken.None),
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }
}
