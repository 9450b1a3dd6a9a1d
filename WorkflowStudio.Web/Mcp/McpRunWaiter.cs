using ModelContextProtocol;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Execution.Events;

namespace WorkflowStudio.Web.Mcp;

/// <summary>
/// Waits for a run started by an MCP tool, reporting progress (nodes done of nodes) as its events arrive. Stops waiting
/// when the run finishes or waits for an approval; a cancelled tool call cancels the run.
/// </summary>
internal sealed class McpRunWaiter(IRunCoordinator coordinator, IRunEventStream events)
{
    public async Task<McpRunOutput> WaitAsync(string runId, int nodes, IProgress<ProgressNotificationValue> progress, CancellationToken cancellationToken)
    {
        using var subscription = events.Subscribe(runId);
        var done = 0;
        try
        {
            var current = await coordinator.GetResultAsync(runId, cancellationToken);
            if (current is not null && (RunStatus.IsTerminal(current.Status) || current.Status == RunStatus.AwaitingApproval))
            {
                return McpRunOutput.From(current);
            }
            await foreach (var runEvent in subscription.Events.ReadAllAsync(cancellationToken))
            {
                switch (runEvent)
                {
                    case NodeFinished or NodeSkipped:
                        done++;
                        progress.Report(new ProgressNotificationValue { Progress = done, Total = nodes, Message = $"{runEvent.NodeId}: {runEvent.EventKind}" });
                        break;
                    case NodeStarted:
                        progress.Report(new ProgressNotificationValue { Progress = done, Total = nodes, Message = $"{runEvent.NodeId}: started" });
                        break;
                    case NodeAwaitingApproval awaiting:
                        progress.Report(new ProgressNotificationValue { Progress = done, Total = nodes, Message = $"{awaiting.NodeId}: awaiting approval" });
                        return McpRunOutput.From((await coordinator.GetResultAsync(runId, cancellationToken))!);
                    case RunFinished:
                        return McpRunOutput.From(await coordinator.WaitAsync(runId, cancellationToken));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await coordinator.CancelAsync(runId, "the MCP client cancelled the tool call", CancellationToken.None);
            throw;
        }
        return McpRunOutput.From(await coordinator.WaitAsync(runId, cancellationToken));
    }
}
