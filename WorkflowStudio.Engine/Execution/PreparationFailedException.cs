using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// A node's preparation failed for a reason of its own (not a passing database failure): what its error needs, with the
/// attempt count read from its row (null when the row itself could not be read), which fences the error's completion.
/// </summary>
internal sealed class PreparationFailedException(RunContext context, WorkflowNode node, int? attempts, Exception inner)
    : Exception($"node '{node.Id}' of run {context.RunId} could not be prepared: {inner.Message}", inner)
{
    public RunContext Context { get; } = context;
    public WorkflowNode Node { get; } = node;
    public int? Attempts { get; } = attempts;
}
