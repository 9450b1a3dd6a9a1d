using WorkflowStudio.Engine.Execution.CrashPoints;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Engine.Execution;

internal sealed partial class RunCoordinator
{
    // A decision is a compare-and-set from awaiting_approval in one transaction with its consequences and its event: of
    // approve, reject and cancel sent at once exactly one wins, and the losers are told which decision came first.

    public async ValueTask ApproveAsync(string runId, string nodeId, string approvedBy, CancellationToken cancellationToken = default)
    {
        await RequireNodeAsync(runId, nodeId, cancellationToken);
        var now = _time.GetUtcNow();
        var decided = new NodeApprovalDecided(runId, now, nodeId, true, approvedBy, null);
        if (await _store.ApproveNodeAsync(runId, nodeId, approvedBy, now.ToUnixTimeMilliseconds(), _journal.Entry(decided), cancellationToken) is not { } seq)
        {
            throw await LostAsync(runId, nodeId, cancellationToken);
        }
        _journal.Published(decided, seq);
        _crashPoints.Reached(CrashPoint.DuringApprovalDecision, runId, nodeId);
        _dispatcher.Dispatch(runId, [nodeId]);
    }

    public async ValueTask RejectAsync(string runId, string nodeId, string rejectedBy, string reason, CancellationToken cancellationToken = default)
    {
        var context = await RequireNodeAsync(runId, nodeId, cancellationToken);
        var node = context.Definition.FindNode(nodeId)!;
        var now = _time.GetUtcNow();
        var outcome = _completer.Outcome(context, node, NodeStatus.Skipped, $"rejected by {rejectedBy}: {reason}", null, [], 0) with { RejectedBy = rejectedBy };
        var decided = new NodeApprovalDecided(runId, now, nodeId, false, rejectedBy, reason);
        if (!await _completer.CompleteAsync(context, node, outcome, now, decided, cancellationToken))
        {
            throw await LostAsync(runId, nodeId, cancellationToken);
        }
    }

    private async ValueTask<RunContext> RequireNodeAsync(string runId, string nodeId, CancellationToken cancellationToken)
    {
        var context = await _contexts.GetAsync(runId, cancellationToken) ?? throw new ApprovalException($"no run with id '{runId}'");
        if (context.Definition.FindNode(nodeId) is null)
        {
            throw new ApprovalException($"run {runId} has no node '{nodeId}' (it has: {string.Join(", ", context.Definition.Nodes.Select(n => n.Id))})");
        }
        return context;
    }

    /// <summary>Why a decision did not apply, read after it lost: the decision that came first, a cancel, or the node's state.</summary>
    private async ValueTask<ApprovalException> LostAsync(string runId, string nodeId, CancellationToken cancellationToken)
    {
        var row = (await _store.GetNodeRunsAsync(runId, [nodeId], cancellationToken)).Single();
        if (row is { Decision: { } decision, DecidedBy: { } by, DecidedAt: { } at })
        {
            var winner = new NodeDecision(decision, by, DateTimeOffset.FromUnixTimeMilliseconds(at));
            return new ApprovalException($"node '{nodeId}' of run {runId} was already {winner}", winner);
        }
        var run = await _store.GetRunAsync(runId, cancellationToken);
        if (run is { CancelRequested: true } && row.Status == NodeStatus.Skipped)
        {
            var winner = new NodeDecision(NodeDecision.Cancelled, row.Error ?? "the run was cancelled",
                DateTimeOffset.FromUnixTimeMilliseconds(row.FinishedAt ?? run.FinishedAt ?? 0));
            return new ApprovalException($"node '{nodeId}' of run {runId} is no longer waiting: the run was cancelled ({row.Error})", winner);
        }
        return new ApprovalException($"node '{nodeId}' of run {runId} is {row.Status}, not waiting for approval");
    }
}
