using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Execution.CrashPoints;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Bindings;
using WorkflowStudio.Engine.Execution.Dispatch;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// Executes one node: take it under a lease, bind its arguments, check <c>when</c> and the approval gate, call the tool
/// with retry, timeout and fallback, and journal the outcome.
/// </summary>
internal sealed partial class NodeExecutor
{
    private readonly IRunStateStore _store;
    private readonly RunContextCache _contexts;
    private readonly RunJournal _journal;
    private readonly IToolCatalog _catalog;
    private readonly IToolInvoker _invoker;
    private readonly NodeCompleter _completer;
    private readonly WorkerIdentity _identity;
    private readonly DispatchedNodes _dispatched;
    private readonly EngineTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ExecutionOptions _options;
    private readonly ILogger<NodeExecutor> _logger;
    private readonly ICrashPoints _crashPoints;
    private readonly ToolResultCache _cache;

    public NodeExecutor(
        IRunStateStore store, RunContextCache contexts, RunJournal journal, IToolCatalog catalog, IToolInvoker invoker, NodeCompleter completer,
        WorkerIdentity identity, DispatchedNodes dispatched, EngineTelemetry telemetry, TimeProvider time, IOptions<ExecutionOptions> options, ILogger<NodeExecutor> logger,
        ICrashPoints crashPoints, ToolResultCache cache)
    {
        _crashPoints = crashPoints;
        _cache = cache;
        _store = store;
        _contexts = contexts;
        _journal = journal;
        _catalog = catalog;
        _invoker = invoker;
        _completer = completer;
        _identity = identity;
        _dispatched = dispatched;
        _telemetry = telemetry;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Passes through the preparation when it read an older graph revision than the run's (another process re-planned).</summary>
    private const int MaxPreparations = 3;

    /// <summary>Tries of a node's preparation that fail on the database for a passing reason, before it is left to the sweep.</summary>
    private const int MaxPreparationTries = 6;

    public async ValueTask ExecuteAsync(string runId, string nodeId, CancellationToken cancellationToken)
    {
        _dispatched.Release(new NodeKey(runId, nodeId)); // handled now: from here on the journal's state says where it is
        for (var pass = 1; ; pass++)
        {
            var startedAt = _time.GetUtcNow();
            RunContext? context;
            PreparedNode? step;
            try
            {
                (context, step) = await PrepareWithRetriesAsync(runId, nodeId, cancellationToken);
            }
            catch (Exception exception) when (DatabaseErrors.IsTransient(exception))
            {
                // Not the node's fault: it stays queued and the recovery sweep dispatches it again.
                LogPreparationUnreachable(exception, runId, nodeId);
                return;
            }
            catch (PreparationFailedException failed)
            {
                // As if it had crashed while running: the node errors with why (e.g. its tool's server is unknown), unless
                // someone took it meanwhile: the completion is fenced by the attempt count read, and never applies to a node
                // another worker is running (a duplicate delivery).
                LogNodeCrashed(failed.InnerException!, runId, nodeId);
                await FinishAsync(failed.Context, failed.Node, _completer.Outcome(failed.Context, failed.Node, NodeStatus.Error,
                    $"internal error while executing the node: {failed.InnerException!.Message}", null, [], 0) with { QueuedAttempts = failed.Attempts }, startedAt);
                return;
            }
            if (context is null)
            {
                LogUnknownRun(runId, nodeId);
                return;
            }
            var done = step switch
            {
                null => false, // an older graph: prepare again from the run's current one
                { Outcome: { } outcome } => await FinishAsync(context, step.Node, outcome with { QueuedAttempts = step.Self.Attempts }, startedAt),
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

    /// <summary>
    /// Loads the run's context and prepares the node, trying again with backoff while the database fails for a passing
    /// reason (a restart, a lock); the last such failure is rethrown. Any other failure of the preparation comes back as a
    /// <see cref="PreparationFailedException"/> carrying what the node's error needs.
    /// </summary>
    private async ValueTask<(RunContext? Context, PreparedNode? Step)> PrepareWithRetriesAsync(string runId, string nodeId, CancellationToken cancellationToken)
    {
        for (var tries = 1; ; tries++)
        {
            RunContext? context = null;
            try
            {
                context = await _contexts.GetAsync(runId, cancellationToken);
                return context is null ? (null, null) : (context, await PrepareAsync(context, nodeId, cancellationToken));
            }
            catch (Exception exception) when (tries < MaxPreparationTries && DatabaseErrors.IsTransient(exception))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, tries - 1)), _time, cancellationToken);
            }
            catch (Exception exception) when (exception is not (OperationCanceledException or PreparationFailedException)
                && !DatabaseErrors.IsTransient(exception) && context?.Definition.FindNode(nodeId) is { } node)
            {
                throw new PreparationFailedException(context, node, null, exception); // the node's own row could not be read
            }
        }
    }

    private async ValueTask<bool> AwaitApprovalAsync(PreparedNode step, string reason, CancellationToken cancellationToken)
    {
        var (context, node) = (step.Context, step.Node);
        var awaiting = new NodeAwaitingApproval(context.RunId, _time.GetUtcNow(), node.Id, node.Tool, reason, step.Args);
        var seq = await _store.AwaitApprovalAsync(
            context.RunId, node.Id, step.Self.Attempts, step.Args.GetRawText(), NodeCompleter.ContextUsedJson(step.Used), _journal.Entry(awaiting), cancellationToken);
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

    /// <summary>
    /// Takes the node with its first attempt and NodeStarted event in one transaction, then runs it and commits its result,
    /// holding the lease throughout; false when it must be prepared again.
    /// </summary>
    private async ValueTask<bool> StartAndRunAsync(PreparedNode step, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var (context, node) = (step.Context, step.Node);
        var execution = new NodeExecution(context, node, step.Args, step.Self.Attempts, approved: step.Self.ApprovedBy is not null, AnsweredRounds(step.Self));
        var attemptAt = _time.GetUtcNow(); // after reading and binding: the attempt starts now
        var attempt = AttemptRecord(execution, node.Tool, attemptAt);
        var started = new NodeStarted(context.RunId, attemptAt, node.Id, node.Tool, attempt.Attempt, false);
        var start = await _store.StartAttemptAsync(attempt, _identity.Id, _options.Lease, context.Revision, _journal.Entry(started), cancellationToken);
        if (!start.Started)
        {
            if (start.RunCancelled)
            {
                // Cancelled before it could start (e.g. the context was loaded before the cancel): it never runs.
                return await FinishAsync(context, node, _completer.Outcome(context, node, NodeStatus.Skipped, CancelledReason, null, [], 0)
                    with { QueuedAttempts = step.Self.Attempts }, startedAt);
            }
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
        execution.LeaseEpoch = attempt.Attempt;
        // Held until the result is committed: the commit may wait for the run's row lock or the SQLite writer.
        await using var lease = new LeaseKeeper(_store, new NodeKey(context.RunId, node.Id), _identity.Id, execution.LeaseEpoch, _options.Lease, _time,
            e => LogLeaseRenewalFailed(e, context.RunId, node.Id));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.Cancellation.Token, lease.Lost);
        NodeOutcome outcome;
        try
        {
            outcome = await RunCallsAsync(execution, step.Scope, step.Used, linked.Token);
        }
        catch (Exception exception) when (lease.Lost.IsCancellationRequested || exception is LeaseLostException)
        {
            // Another worker has the node (or may have): its call's outcome is unknown to it, and this one commits nothing.
            LogLeaseLost(context.RunId, node.Id);
            return true;
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            outcome = _completer.Outcome(context, node, NodeStatus.Skipped, CancelledReason, null, [], 0);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNodeCrashed(exception, context.RunId, node.Id);
            outcome = _completer.Outcome(context, node, NodeStatus.Error, $"internal error while executing the node: {exception.Message}", null, [], 0);
        }
        if (lease.Lost.IsCancellationRequested)
        {
            LogLeaseLost(context.RunId, node.Id); // the call ended, but after the lease was lost: its result is not this worker's to commit
            return true;
        }
        if (execution.PendingQuestion is { } question && outcome.Status != NodeStatus.Skipped)
        {
            return await AwaitInputAsync(execution, question);
        }
        var finished = await FinishAsync(context, node, outcome with { LeaseEpoch = execution.LeaseEpoch }, startedAt);
        await StoreInCacheAsync(step, outcome, cancellationToken);
        return finished;
    }

    /// <summary>
    /// After a cached node's tool succeeded (not its fallback) and the completion is committed: its output is kept for the
    /// node's ttl. A failure here costs the next run a call, not this run its result, so it is logged and not raised.
    /// </summary>
    private async ValueTask StoreInCacheAsync(PreparedNode step, NodeOutcome outcome, CancellationToken cancellationToken)
    {
        if (step is not { CacheKey: { } key, Node.Cache: { } cache } || outcome is not { Status: NodeStatus.Success, FallbackUsed: false, Output: { } output })
        {
            return;
        }
        try
        {
            await _cache.StoreAsync(step.Context.TenantId, key, step.Node.Tool, output, _time.GetUtcNow(), TimeSpan.FromSeconds(cache.TtlSeconds), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCacheStoreFailed(exception, step.Context.RunId, step.Node.Id);
        }
    }

    private const string CancelledReason = "the run was cancelled";

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
        if (result.Outcome.Kind == AttemptKind.InputRequired)
        {
            return Finished(execution, NodeStatus.Error, used, null, result.Outcome.Error, fallback: null); // not committed: the node waits
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} of run {RunId}: this worker lost its lease (the node was re-queued); its call was stopped and nothing of it is committed")]
    private partial void LogLeaseLost(string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} of run {RunId} could not be prepared: the database is unreachable; it stays queued for the recovery sweep")]
    private partial void LogPreparationUnreachable(Exception exception, string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} of run {RunId}: its output could not be stored in the result cache; the next run calls the tool")]
    private partial void LogCacheStoreFailed(Exception exception, string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {NodeId} of run {RunId} failed with an internal error")]
    private partial void LogNodeCrashed(Exception exception, string runId, string nodeId);
}
