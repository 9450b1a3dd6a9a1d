using System.Text.Json;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Workflows.Bindings;

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
        var scope = new StepScope(context.Inputs, inputs.Nodes.Where(r => r.NodeId != node.Id));
        var step = new PreparedNode(context, node, self, scope);
        try
        {
            if (node.When is not null && !BindingEvaluator.IsTruthy(BindingEvaluator.ResolveString(node.When, scope, step.Used)))
            {
                return step with { Outcome = _completer.Outcome(context, node, NodeStatus.Skipped, $"condition {node.When} was false", null, step.Used, 0) };
            }
            step = step with { Args = node.Args is { } raw ? BindingEvaluator.Resolve(raw, scope, step.Used) : EmptyObject };
        }
        catch (BindingException exception)
        {
            return step with { Outcome = _completer.Outcome(context, node, NodeStatus.Error, $"cannot bind arguments: {exception.Message}", null, step.Used, 0) };
        }
        if (self.ApprovedBy is null && await ApprovalReasonAsync(context, node, cancellationToken) is { } reason)
        {
            return step with { ApprovalReason = reason };
        }
        return step;
    }

    /// <summary>A node read and decided on before it is taken (see <see cref="PrepareAsync"/>).</summary>
    private sealed record PreparedNode(RunContext Context, WorkflowNode Node, NodeRunRecord Self, StepScope Scope)
    {
        public List<string> Used { get; } = [];
        public JsonElement Args { get; init; } = EmptyObject;
        public NodeOutcome? Outcome { get; init; }
        public string? ApprovalReason { get; init; }
    }
}
