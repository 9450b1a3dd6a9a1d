using System.Text.Json;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Bindings;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Execution;

internal sealed partial class NodeExecutor
{
    /// <summary>
    /// Reads the node and its dependencies and decides, before taking the node, what its execution is: skipped by its
    /// condition, an argument binding error, a wait for approval, or a tool call with bound arguments. Null when this
    /// process's copy of the graph is older than the run's.
    /// </summary>
    private async ValueTask<PreparedNode?> PrepareAsync(RunContext context, string nodeId, CancellationToken cancellationToken)
    {
        if (context.Definition.FindNode(nodeId) is not { } node)
        {
            return null;
        }
        var dependencies = context.Graph.DependenciesOf(node.Id);
        var inputs = await _store.GetNodeInputsAsync(context.RunId, [.. dependencies, node.Id], cancellationToken);
        if (inputs.Revision != context.Revision)
        {
            return null;
        }
        var self = inputs.Nodes.First(r => r.NodeId == node.Id);
        try
        {
            return await DecideAsync(context, node, self, inputs, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !DatabaseErrors.IsTransient(exception))
        {
            throw new PreparationFailedException(context, node, self.Attempts, exception);
        }
    }

    private async ValueTask<PreparedNode> DecideAsync(RunContext context, WorkflowNode node, NodeRunRecord self, NodeInputs inputs, CancellationToken cancellationToken)
    {
        var scope = new NodeScope(context.Inputs, inputs.Nodes.Where(r => r.NodeId != node.Id));
        var step = new PreparedNode(context, node, self, scope);
        if (self.Status == NodeStatus.Queued && self.Attempts > 0 && await UnknownOutcomeAsync(context, node, self, cancellationToken) is { } unknown)
        {
            return step with { Outcome = unknown };
        }
        try
        {
            if (node.When is not null && !BindingEvaluator.IsTruthy(BindingEvaluator.ResolveString(node.When, scope, step.Used)))
            {
                return step with { Outcome = _completer.Outcome(context, node, NodeStatus.Skipped, $"condition {node.When} was false", null, step.Used, 0) };
            }
            // Arguments an approver edited and approved are the call's arguments as they stand (they were checked against the
            // tool's schema then); they are not bound again.
            step = step with
            {
                Args = self.ApprovedArgs is { } approved ? JsonElement.Parse(approved)
                    : node.Args is { } raw ? BindingEvaluator.Resolve(raw, scope, step.Used) : EmptyObject,
            };
            if (node.Cache is { } cache && await CacheAllowedAsync(context, node, cache, cancellationToken))
            {
                step = step with { CacheKey = NodeCacheKey.Of(node, cache, step.Args, scope, step.Used) };
            }
        }
        catch (BindingException exception)
        {
            return step with { Outcome = _completer.Outcome(context, node, NodeStatus.Error, $"cannot bind arguments: {exception.Message}", null, step.Used, 0) };
        }
        // A live cached output completes the node without a call (so there is nothing to approve either): zero attempts, no cost.
        if (step.CacheKey is { } key && await _cache.FindAsync(context.TenantId, key, _time.GetUtcNow(), cancellationToken) is { } cached)
        {
            return step with
            {
                Outcome = _completer.Outcome(context, node, NodeStatus.Success, null, step.Args, step.Used, 0) with { Output = cached, CacheHit = true },
            };
        }
        if (self.ApprovedBy is null && await ApprovalReasonAsync(context, node, cancellationToken) is { } reason)
        {
            return step with { ApprovalReason = reason };
        }
        return step;
    }

    /// <summary>
    /// A node taken before and queued again (its worker died or lost the lease) whose last tool call never finished: that
    /// call may or may not have acted. Unless its tool is read-only or idempotent, or the node says <c>"unsafe": true</c>,
    /// it is not called again: the node errors, and the lost attempt is closed as "unknown". Null when it may run again.
    /// </summary>
    private async ValueTask<NodeOutcome?> UnknownOutcomeAsync(RunContext context, WorkflowNode node, NodeRunRecord self, CancellationToken cancellationToken)
    {
        var attempts = await _store.GetAttemptsAsync(context.RunId, node.Id, cancellationToken);
        if (attempts.Count == 0 || attempts[^1] is not { FinishedAt: null } lost || node.Retry?.Unsafe == true)
        {
            return null;
        }
        bool safe;
        try
        {
            safe = ToolReference.TryParse(lost.Tool, out var reference)
                && (await DescribeAsync(context, reference, cancellationToken))?.Annotations.SafeToRepeat == true;
        }
        catch (ToolServerException)
        {
            safe = false; // its annotations cannot be read now: not known to be safe to repeat
        }
        if (safe)
        {
            return null;
        }
        var error = "outcome unknown: the worker lost its lease while calling a non-idempotent tool; not retried " +
            $"({lost.Tool} is neither read-only nor idempotent per its MCP annotations, and attempt {lost.Attempt} may have acted; " +
            "set \"retry\": {\"unsafe\": true} on the node to call it again after a lost worker)";
        return _completer.Outcome(context, node, NodeStatus.Error, error, null, [], self.Attempts) with
        {
            FinishedAttempt = lost with { FinishedAt = _time.GetUtcNow().ToUnixTimeMilliseconds(), Outcome = "unknown", Error = error },
        };
    }

    /// <summary>
    /// Whether the node's cache may be used now, from its tool's annotations as the catalog gives them at run time (validation
    /// checked them when the run started; a server may have changed them since): never for a destructive tool, and for one
    /// neither read-only nor idempotent only with <c>"force": true</c>. Annotations that cannot be read now: no cache.
    /// </summary>
    private async ValueTask<bool> CacheAllowedAsync(RunContext context, WorkflowNode node, NodeCache cache, CancellationToken cancellationToken)
    {
        if (!ToolReference.TryParse(node.Tool, out var reference))
        {
            return false;
        }
        ToolDescriptor? descriptor;
        try
        {
            descriptor = await DescribeAsync(context, reference, cancellationToken);
        }
        catch (ToolServerException)
        {
            return false; // the call that follows reports the server's problem
        }
        return descriptor is { Annotations: var annotations } && !annotations.IsDestructive && (annotations.SafeToRepeat || cache.Force);
    }

    /// <summary>A node read and decided on before it is taken (see <see cref="PrepareAsync"/>).</summary>
    private sealed record PreparedNode(RunContext Context, WorkflowNode Node, NodeRunRecord Self, NodeScope Scope)
    {
        public List<string> Used { get; } = [];
        public JsonElement Args { get; init; } = EmptyObject;
        public NodeOutcome? Outcome { get; init; }
        public string? ApprovalReason { get; init; }

        /// <summary>The node's result-cache key, when it has <c>"cache"</c>.</summary>
        public string? CacheKey { get; init; }
    }
}
