using WorkflowStudio.Engine.Execution.CrashPoints;
using WorkflowStudio.Engine.Execution.Events;

namespace WorkflowStudio.Engine.Execution;

internal sealed partial class RunCoordinator
{
    public async ValueTask ApproveAsync(string runId, string nodeId, string approvedBy, CancellationToken cancellationToken = default)
    {
        await RequireWaitingAsync(runId, nodeId, cancellationToken);
        var now = _time.GetUtcNow();
        if (!await _store.ApproveNodeAsync(runId, nodeId, approvedBy, now.ToUnixTimeMilliseconds(), cancellationToken))
        {
            throw new ApprovalException($"node '{nodeId}' of run {runId} is no longer waiting for approval (someone decided first)");
        }
        _crashPoints.Reached(CrashPoint.DuringApprovalDecision, runId, nodeId);
        await _journal.PublishAsync(new NodeApprovalDecided(runId, now, nodeId, true, approvedBy, null), cancellationToken);
        _dispatcher.Dispatch(runId, [nodeId]);
    }

    public async ValueTask RejectAsync(string runId, string nodeId, string rejectedBy, string reason, CancellationToken cancellationToken = default)
    {
        var context = await RequireWaitingAsync(runId, nodeId, cancellationToken);
        var node = context.Definition.FindNode(nodeId)!;
        var why = $"rejected by {rejectedBy}: {reason}";
        await _journal.PublishAsync(new NodeApprovalDecided(runId, _time.GetUtcNow(), nodeId, false, rejectedBy, reason), cancellationToken);
        var outcome = _completer.Outcome(context, node, NodeStatus.Skipped, why, null, [], 0);
        await _completer.CompleteAsync(context, node, outcome, _time.GetUtcNow(), cancellationToken);
    }

    private async ValueTask<RunContext> RequireWaitingAsync(string runId, string nodeId, CancellationToken cancellationToken)
    {
        var context = await _contexts.GetAsync(runId, cancellationToken) ?? throw new ApprovalException($"no run with id '{runId}'");
        if (context.Definition.FindNode(nodeId) is null)
        {
            throw new ApprovalException($"run {runId} has no node '{nodeId}' (it has: {string.Join(", ", context.Definition.Nodes.Select(n => n.Id))})");
        }
        var row = (await _store.GetNodeRunsAsync(runId, [nodeId], cancellationToken)).Single();
        if (row.Status != NodeStatus.AwaitingApproval)
        {
            throw new ApprovalException($"node '{nodeId}' of run {runId} is {row.Status}, not waiting for approval");
        }
        return context;
    }
}
