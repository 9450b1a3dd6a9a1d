using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Execution.Events;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Bindings;

namespace WorkflowStudio.Engine.Execution;

/// <summary>Executes one node: bind its arguments, check <c>when</c>, call the tool with retry, timeout and fallback, journal it.</summary>
internal sealed partial class NodeExecutor
{
    private readonly IRunStore _store;
    private readonly RunContextCache _contexts;
    private readonly RunJournal _journal;
    private readonly IToolCatalog _catalog;
    private readonly IToolInvoker _invoker;
    private readonly INodeDispatcher _dispatcher;
    private readonly RunFinalizer _finalizer;
    private readonly TimeProvider _time;
    private readonly ExecutionOptions _options;
    private readonly ILogger<NodeExecutor> _logger;

    public NodeExecutor(
        IRunStore store, RunContextCache contexts, RunJournal journal, IToolCatalog catalog, IToolInvoker invoker,
        INodeDispatcher dispatcher, RunFinalizer finalizer, TimeProvider time, IOptions<ExecutionOptions> options, ILogger<NodeExecutor> logger)
    {
        _store = store;
        _contexts = contexts;
        _journal = journal;
        _catalog = catalog;
        _invoker = invoker;
        _dispatcher = dispatcher;
        _finalizer = finalizer;
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
        if (!await _store.TryStartNodeAsync(runId, nodeId, startedAt.ToUnixTimeMilliseconds(), cancellationToken))
        {
            LogAlreadyTaken(runId, nodeId);
            return;
        }
        var node = context.Definition.FindNode(nodeId)!;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.Cancellation.Token);
        NodeOutcome outcome;
        try
        {
            outcome = await RunNodeAsync(context, node, startedAt, linked.Token);
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            outcome = Blocked(context, node, NodeStatus.Skipped, "the run was cancelled", null, null, 0);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNodeCrashed(exception, runId, nodeId);
            outcome = Blocked(context, node, NodeStatus.Error, $"internal error while executing the node: {exception.Message}", null, null, 0);
        }
        await CompleteAsync(context, node, outcome, startedAt, CancellationToken.None);
    }

    private async ValueTask<NodeOutcome> RunNodeAsync(RunContext context, WorkflowNode node, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var dependencies = context.Graph.DependenciesOf(node.Id);
        var steps = await _store.GetNodeRunsAsync(context.RunId, dependencies.ToArray(), cancellationToken);
        var scope = new StepScope(context.Inputs, steps);
        var used = new List<string>();
        JsonElement args;
        try
        {
            if (node.When is not null && !BindingEvaluator.IsTruthy(BindingEvaluator.ResolveString(node.When, scope, used)))
            {
                return Blocked(context, node, NodeStatus.Skipped, $"condition {node.When} was false", null, used, 0);
            }
            args = node.Args is { } raw ? BindingEvaluator.Resolve(raw, scope, used) : EmptyObject;
        }
        catch (BindingException exception)
        {
            return Blocked(context, node, NodeStatus.Error, $"cannot bind arguments: {exception.Message}", null, used, 0);
        }

        var result = await RunAttemptsAsync(context, node, args, cancellationToken);
        if (result.Outcome.Succeeded)
        {
            return Finished(context, node, NodeStatus.Success, args, used, result.Outcome.Output, null, result.Attempts, fallback: null);
        }
        if (node.Fallback is not null)
        {
            var fallback = await RunFallbackAsync(context, node, scope, used, result.Attempts + 1, cancellationToken);
            var error = fallback.Succeeded ? null : $"{result.Error}; fallback {node.Fallback.Tool} also failed: {fallback.Error}";
            return Finished(context, node, fallback.Succeeded ? NodeStatus.Success : NodeStatus.Error, args, used,
                fallback.Succeeded ? fallback.Output : null, error ?? result.Error, result.Attempts + 1, fallback);
        }
        return Finished(context, node, NodeStatus.Error, args, used, null, result.Error, result.Attempts, fallback: null);
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} of unknown run {RunId} was dispatched; ignoring it")]
    private partial void LogUnknownRun(string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {NodeId} of run {RunId} is already taken; duplicate delivery ignored")]
    private partial void LogAlreadyTaken(string runId, string nodeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {NodeId} of run {RunId} failed with an internal error")]
    private partial void LogNodeCrashed(Exception exception, string runId, string nodeId);
}
