using System.Text.Json;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Schema;
using WorkflowStudio.Engine.Execution.CrashPoints;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Engine.Execution;

internal sealed partial class RunCoordinator
{
    // A decision is a compare-and-set from awaiting_approval in one transaction with its consequences and its event: of
    // approve, reject and cancel sent at once exactly one wins, and the losers are told which decision came first.

    public async ValueTask ApproveAsync(string runId, string nodeId, string approvedBy, JsonElement? args = null, CancellationToken cancellationToken = default)
    {
        var context = await RequireNodeAsync(runId, nodeId, cancellationToken);
        if (args is { } edited)
        {
            await CheckEditedArgsAsync(context, context.Definition.FindNode(nodeId)!, edited, cancellationToken);
        }
        var now = _time.GetUtcNow();
        var decided = new NodeApprovalDecided(runId, now, nodeId, true, approvedBy, null);
        if (await _store.ApproveNodeAsync(runId, nodeId, approvedBy, now.ToUnixTimeMilliseconds(), args?.GetRawText(), _journal.Entry(decided), cancellationToken)
            is not { } seq)
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

    /// <summary>Edited arguments must be an object the node's tool accepts (its input schema, read for the run's tenant).</summary>
    private async ValueTask CheckEditedArgsAsync(RunContext context, WorkflowNode node, JsonElement args, CancellationToken cancellationToken)
    {
        if (args.ValueKind != JsonValueKind.Object)
        {
            throw new ApprovalArgumentsException(
                $"the edited arguments of '{node.Id}' must be a JSON object of argument names and values, not {args.ValueKind.ToString().ToLowerInvariant()}; " +
                "send e.g. {\"amount\": 25}");
        }
        if (!ToolReference.TryParse(node.Tool, out var reference))
        {
            throw new ApprovalArgumentsException($"node '{node.Id}' calls '{node.Tool}', which is not a server/tool name, so edited arguments cannot be checked");
        }
        ToolDescriptor? tool;
        try
        {
            tool = (await _catalog.GetToolsForTenantAsync(reference.Server, context.TenantId, cancellationToken)).FirstOrDefault(t => t.Name == reference.Name);
        }
        catch (Exception exception) when (exception is ToolServerException or KeyNotFoundException)
        {
            throw new ApprovalArgumentsException(
                $"cannot check the edited arguments of '{node.Id}': server '{reference.Server}' does not answer ({exception.Message}); approve without editing, or try again");
        }
        if (tool is null)
        {
            throw new ApprovalArgumentsException($"cannot check the edited arguments of '{node.Id}': server '{reference.Server}' has no tool '{reference.Name}'");
        }
        var errors = JsonSchemaChecker.Check(tool.InputSchema, args, "$.args");
        if (errors.Count > 0)
        {
            throw new ApprovalArgumentsException(
                $"the edited arguments of '{node.Id}' do not fit {node.Tool}'s input schema: {string.Join("; ", errors)}; fix them and approve again", errors);
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
