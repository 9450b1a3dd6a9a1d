using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Execution.CrashPoints;
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
    private readonly ICrashPoints _crashPoints;

    public NodeExecutor(
        IRunStore store, RunContextCache contexts, RunJournal journal, IToolCatalog catalog, IToolInvoker invoker, NodeCompleter completer,
        WorkerIdentity identity, EngineTelemetry telemetry, TimeProvider time, IOptions<ExecutionOptions> options, ILogger<NodeExecutor> logger,
        ICrashPoints crashPoints)
    {
        _crashPoints = crashPoints;
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

    /// <summary>Passes through the preparation when it read an older graph revision than the run's (another process re-planned).</summary>
    private const int MaxPreparations = 3;

    public async ValueTask ExecuteAsync(string runId, string nodeId, CancellationToken cancellationToken)
    {
        for (var pass = 1; ; pass++)
        {
            var context = await _contexts.GetAsync(runId, cancellationToken);
            if (context is null)
            {
                LogUnknownRun(runId, nodeId);
                return;
            }
            var startedAt = _time.GetUtcNow();
            PreparedNode? step;
            try
            {
                step = await PrepareAsync(context, nodeId, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException && context.Definition.FindNode(nodeId) is { } crashed)
            {
                // As if it had crashed while running: the node errors with why (e.g. its tool's server is unknown).
                LogNodeCrashed(exception, runId, nodeId);
                await FinishAsync(context, crashed, _completer.Outcome(
                    context, crashed, NodeStatus.Error, $"internal error while executing the node: {exception.Message}", null, [], 0), startedAt);
                return;
            }
            var done = step switch
            {
                null => false, // an older graph: prepare again from the run's current one
                { Outcome: { } outcome } => await FinishAsync(context, step.Node, outcome, startedAt),
                { ApprovalReason: { } reason } => await AwaitApprovalAsync(step, reason, cancellationToken),
                _ => await StartAndRunAsync(step, startedAt, cancellationToken),
            };
            if (done)
            {
                return;
            }
            if (pass == MaxPreparations)
            {
                LogStaleContext(runId, nodeId);
                return;
            }
            if (step is null)
            {
                // The graph was re-planned in another process since this one cached it.
                _contexts.Remove(runId);
            }
        }
    }

    private async ValueTask<bool> AwaitApprovalAsync(PreparedNode step, string reason, CancellationToken cancellationToken)
    {
        var (context, node) = (step.Context, step.Node);
        var awaiting = new NodeAwaitingApproval(context.RunId, _time.GetUtcNow(), node.Id, node.Tool, reason);
        var seq = await _store.AwaitApprovalAsync(
            context.RunId, node.Id, step.Args.GetRawText(), NodeCompleter.ContextUsedJson(step.Used), _journal.Entry(awaiting), cancellationToken);
        if (seq is { } journaled)
        {
            _journal.Published(awaiting, journaled);
        }
        else
        {
            LogAlreadyTaken(context.RunId, node.Id);
        }
        return true;
    }

    /// <summary>Takes the node with its first attempt and NodeStarted event in one transaction, then runs it; false when it must be prepared again.</summary>
    private async ValueTask<bool> StartAndRunAsync(PreparedNode step, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var (context, node) = (step.Context, step.Node);
        var execution = new NodeExecution(context, node, step.Args, step.Self.Attempts, approved: step.Self.ApprovedBy is not null);
        var attemptAt = _time.GetUtcNow(); // after reading and binding: the attempt starts now
        var attempt = AttemptRecord(execution, node.Tool, attemptAt);
        var started = new NodeStarted(context.RunId, attemptAt, node.Id, node.Tool, attempt.Attempt, false);
        var start = await _store.StartAttemptAsync(
            attempt, _identity.Id, (attemptAt + _options.Lease).ToUnixTimeMilliseconds(), context.Revision, _journal.Entry(started), cancellationToken);
        if (!start.Started)
        {
            if (start.Stale)
            {
                if (start.Revision != context.Revision)
                {
                    _contexts.Remove(context.RunId);
                }
                return false;
            }
            LogAlreadyTaken(context.RunId, node.Id);
            return true;
        }
        _journal.Published(started, start.Seq);
        _crashPoints.Reached(CrashPoint.AfterStartCommit, context.RunId, node.Id);
        execution.Journaled = attempt;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.Cancellation.Token);
        await using var lease = new LeaseKeeper(_store, context.RunId, node.Id, _identity.Id, _options.Lease, _time, e => LogLeaseRenewalFailed(e, context.RunId, node.Id));
        NodeOutcome outcome;
        try
        {
            outcome = await RunCallsAsync(execution, step.Scope, step.Used, linked.Token);
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            outcome = _completer.Outcome(context, node, NodeStatus.Skipped, "the run was cancelled", null, [], 0);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNodeCrashed(exception, context.RunId, node.Id);
            outcome = _completer.Outcome(context, node, NodeStatus.Error, $"internal error while executing the node: {exception.Message}", null, [], 0);
        }
        await lease.DisposeAsync();
        return await FinishAsync(context, node, outcome, startedAt);
    }

    /// <summary>
    /// Completes the node with its outcome: after its tool calls, or straight from queued when it ends without one (condition
    /// false, binding error), in one transaction either way. A failure in a workflow that re-plans holds its dependants.
    /// </summary>
    private async ValueTask<bool> FinishAsync(RunContext context, WorkflowNode node, NodeOutcome outcome, DateTimeOffset startedAt)
    {
        if (outcome.Status == NodeStatus.Error && !node.ContinueOnError && context.Definition.CanReplan(context.Revision))
        {
            // Its dependants wait: the rest of the graph is re-planned once nothing else of the run is in flight.
            outcome = outcome with { Dependants = [], SkipDependants = [], SkipReason = null, HoldForReplan = true };
        }
        _telemetry.NodeFinished(node.Tool, outcome.Status, _time.GetUtcNow() - startedAt);
        _crashPoints.Reached(CrashPoint.AfterCallBeforeResultCommit, context.RunId, node.Id);
        await _completer.CompleteAsync(context, node, outcome, startedAt, CancellationToken.None);
        return true;
    }

    /// <summary>The tool calls of a taken node: attempts with retry, then the fallback.</summary>
    private async ValueTask<NodeOutcome> RunCallsAsync(NodeExecution execution, IBindingScope scope, List<string> used, CancellationToken cancellationToken)
    {
        var node = execution.Node;
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
            FinishedAttempt = execution.Finished,
        };

    private NodeAttemptRecord AttemptRecord(NodeExecution execution, string tool, DateTimeOffset startedAt) => new()
    {
        RunId = execution.Context.RunId,
        NodeId = execution.Node.Id,
        Attempt = execution.NextAttempt(),
        Tool = tool,
        StartedAt = startedAt.ToUnixTimeMilliseconds(),
    };

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} of unknown run {RunId} was dispatched; ignoring it")]
    private partial void LogUnknownRun(string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {NodeId} of run {RunId} is not queued any more; duplicate delivery ignored")]
    private partial void LogAlreadyTaken(string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} of run {RunId}: this process's copy of the graph stayed older than the run's; leaving it to the recovery sweep")]
    private partial void LogStaleContext(string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease renewal of node {NodeId} of run {RunId} failed; retrying at the next tick")]
    private partial void LogLeaseRenewalFailed(Exception exception, string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {NodeId} of run {RunId} failed with an internal error")]
    private partial void LogNodeCrashed(Exception exception, string runId, string nodeId);
}
