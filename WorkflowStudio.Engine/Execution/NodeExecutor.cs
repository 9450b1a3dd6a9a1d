using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Execution.Events;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Bindings;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// Executes one node: take it under a lease, bind its arguments, check <c>when</c> and the approval gate, call the tool
/// with retry, timeout and fallback, and journal the outcome.
/// </summary>
internal sealed partial class NodeExecutor
{
    private readonly IRunStore _store;
    private readonly RunContextCache _contexts;
    private readonly RunJournal _journal;
    private readonly IToolCatalog _catalog;
    private readonly IToolInvoker _invoker;
    private readonly NodeCompleter _completer;
    private readonly WorkerIdentity _identity;
    private readonly EngineTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ExecutionOptions _options;
    private readonly ILogger<NodeExecutor> _logger;

    public NodeExecutor(
        IRunStore store, RunContextCache contexts, RunJournal journal, IToolCatalog catalog, IToolInvoker invoker, NodeCompleter completer,
        WorkerIdentity identity, EngineTelemetry telemetry, TimeProvider time, IOptions<ExecutionOptions> options, ILogger<NodeExecutor> logger)
    {
        _store = store;
        _contexts = contexts;
        _journal = journal;
        _catalog = catalog;
        _invoker = invoker;
        _completer = completer;
        _identity = identity;
        _telemetry = telemetry;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public async ValueTask ExecuteAsync(string runId, string nodeId, CancellationToken cancellationToken)
    {
        var context = await _contexts.GetAsync(runId, cancellationToken);
        if (context is null)
        {
            LogUnknownRun(runId, nodeId);
            return;
        }
        var startedAt = _time.GetUtcNow();
        var start = await _store.TryStartNodeAsync(
            runId, nodeId, _identity.Id, startedAt.ToUnixTimeMilliseconds(), (startedAt + _options.Lease).ToUnixTimeMilliseconds(), cancellationToken);
        if (start is null)
        {
            LogAlreadyTaken(runId, nodeId);
            return;
        }
        if (start.Revision != context.Revision)
        {
            // The graph was re-planned in another process since this one cached it.
            _contexts.Remove(runId);
            context = (await _contexts.GetAsync(runId, cancellationToken))!;
        }
        var node = context.Definition.FindNode(nodeId)!;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.Cancellation.Token);
        await using var lease = new LeaseKeeper(_store, runId, nodeId, _identity.Id, _options.Lease, _time, e => LogLeaseRenewalFailed(e, runId, nodeId));
        NodeOutcome? outcome;
        try
        {
            outcome = await RunNodeAsync(context, node, start.Attempts, linked.Token);
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            outcome = _completer.Outcome(context, node, NodeStatus.Skipped, "the run was cancelled", null, [], 0);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNodeCrashed(exception, runId, nodeId);
            outcome = _completer.Outcome(context, node, NodeStatus.Error, $"internal error while executing the node: {exception.Message}", null, [], 0);
        }
        await lease.DisposeAsync();
        if (outcome is not null)
        {
            if (outcome.Status == NodeStatus.Error && !node.ContinueOnError && context.Definition.CanReplan(context.Revision))
            {
                // Its dependants wait: the rest of the graph is re-planned once nothing else of the run is in flight.
                outcome = outcome with { Dependants = [], SkipDependants = [], SkipReason = null, HoldForReplan = true };
            }
            _telemetry.NodeFinished(node.Tool, outcome.Status, _time.GetUtcNow() - startedAt);
            await _completer.CompleteAsync(context, node, outcome, startedAt, CancellationToken.None);
        }
    }

    /// <summary>The node's outcome, or null when it now waits for approval.</summary>
    private async ValueTask<NodeOutcome?> RunNodeAsync(RunContext context, WorkflowNode node, int previousAttempts, CancellationToken cancellationToken)
    {
        var dependencies = context.Graph.DependenciesOf(node.Id);
        var rows = await _store.GetNodeRunsAsync(context.RunId, [.. dependencies, node.Id], cancellationToken);
        var self = rows.First(r => r.NodeId == node.Id);
        var scope = new StepScope(context.Inputs, rows.Where(r => r.NodeId != node.Id));
        var used = new List<string>();
        JsonElement args;
        try
        {
            if (node.When is not null && !BindingEvaluator.IsTruthy(BindingEvaluator.ResolveString(node.When, scope, used)))
            {
                return _completer.Outcome(context, node, NodeStatus.Skipped, $"condition {node.When} was false", null, used, 0);
            }
            args = node.Args is { } raw ? BindingEvaluator.Resolve(raw, scope, used) : EmptyObject;
        }
        catch (BindingException exception)
        {
            return _completer.Outcome(context, node, NodeStatus.Error, $"cannot bind arguments: {exception.Message}", null, used, 0);
        }

        var approved = self.ApprovedBy is not null;
        if (!approved && await ApprovalReasonAsync(context, node, cancellationToken) is { } reason)
        {
            await _store.AwaitApprovalAsync(context.RunId, node.Id, args.GetRawText(), NodeCompleter.ContextUsedJson(used), cancellationToken);
            await _journal.PublishAsync(new NodeAwaitingApproval(context.RunId, _time.GetUtcNow(), node.Id, node.Tool, reason), cancellationToken);
            return null;
        }

        var execution = new NodeExecution(context, node, args, previousAttempts, approved);
        var result = await RunAttemptsAsync(execution, cancellationToken);
        if (result.Outcome.Succeeded)
        {
            return Finished(execution, NodeStatus.Success, used, result.Outcome.Output, null, fallback: null);
        }
        if (node.Fallback is not null)
        {
            var fallback = await RunFallbackAsync(execution, scope, used, cancellationToken);
            var error = fallback.Succeeded ? null : $"{result.Error}; fallback {node.Fallback.Tool} also failed: {fallback.Error}";
            return Finished(execution, fallback.Succeeded ? NodeStatus.Success : NodeStatus.Error, used,
                fallback.Succeeded ? fallback.Output : null, error, fallback);
        }
        return Finished(execution, NodeStatus.Error, used, null, result.Error, fallback: null);
    }

    private NodeOutcome Finished(NodeExecution execution, string status, IReadOnlyList<string> used, JsonElement? output, string? error, AttemptOutcome? fallback) =>
        _completer.Outcome(execution.Context, execution.Node, status, error, execution.Args, used, execution.Attempts) with
        {
            Output = output?.GetRawText(),
            RecoveryAttempted = fallback is not null,
            FallbackUsed = fallback?.Succeeded == true,
            FallbackResult = fallback?.Output?.GetRawText(),
        };

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} of unknown run {RunId} was dispatched; ignoring it")]
    private partial void LogUnknownRun(string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {NodeId} of run {RunId} is not queued any more; duplicate delivery ignored")]
    private partial void LogAlreadyTaken(string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease renewal of node {NodeId} of run {RunId} failed; retrying at the next tick")]
    private partial void LogLeaseRenewalFailed(Exception exception, string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {NodeId} of run {RunId} failed with an internal error")]
    private partial void LogNodeCrashed(Exception exception, string runId, string nodeId);
}
