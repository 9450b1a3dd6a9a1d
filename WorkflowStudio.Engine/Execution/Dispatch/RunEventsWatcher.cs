using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Runs.Events;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Execution.Dispatch;

/// <summary>
/// Acts on events in this process: cancels local tool calls of a run someone cancelled, forgets finished runs, and —
/// with the embedded storage, whose queue lives in one process — picks up nodes approved from another process.
/// </summary>
internal sealed class RunEventsWatcher : BackgroundService
{
    private readonly IRunEventStream _stream;
    private readonly RunContextCache _contexts;
    private readonly INodeDispatcher _dispatcher;
    private readonly bool _dispatchApprovals;

    public RunEventsWatcher(
        IRunEventStream stream, RunContextCache contexts, INodeDispatcher dispatcher, IOptions<DataOptions> studio, IOptions<ExecutionOptions> execution)
    {
        _stream = stream;
        _contexts = contexts;
        _dispatcher = dispatcher;
        _dispatchApprovals = studio.Value.Storage == DataOptions.SqliteStorage && execution.Value.RunWorkers;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = _stream.Subscribe();
        await foreach (var runEvent in subscription.Events.ReadAllAsync(stoppingToken))
        {
            switch (runEvent)
            {
                case RunCancelRequested cancel when _contexts.TryGetLoaded(cancel.RunId, out var context):
                    await context!.Cancellation.CancelAsync();
                    break;
                case NodeApprovalDecided { Approved: true } approved when _dispatchApprovals:
                    // A duplicate of the approver's own dispatch is harmless: starting a node is a guarded state change.
                    _dispatcher.Dispatch(approved.RunId, [approved.Node]);
                    break;
                case NodeInputAnswered answered when _dispatchApprovals:
                    // An answer given in another process (the CLI) to a node whose call ended asking: it is queued again. For a
                    // call still in flight the start is refused (the node is running) and its own wait reads the answer.
                    _dispatcher.Dispatch(answered.RunId, [answered.Node]);
                    break;
                case RunRevised revised when _contexts.TryGetLoaded(revised.RunId, out var stale) && stale!.Revision < revised.Revision:
                    _contexts.Remove(revised.RunId); // reloaded from the journal with the new graph on next use
                    break;
                case RunFinished finished:
                    _contexts.Remove(finished.RunId);
                    break;
            }
        }
    }
}
