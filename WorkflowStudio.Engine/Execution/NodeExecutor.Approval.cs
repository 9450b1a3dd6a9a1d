using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Execution;

internal sealed partial class NodeExecutor
{
    /// <summary>Why the node must wait for a person before its tool is called, or null when it need not.</summary>
    private async ValueTask<string?> ApprovalReasonAsync(RunContext context, WorkflowNode node, CancellationToken cancellationToken)
    {
        switch (node.Approval)
        {
            case WorkflowNode.ApprovalRequired:
                return "the workflow requires approval for this node";
            case WorkflowNode.ApprovalAuto:
                return null;
        }
        if (!ToolReference.TryParse(node.Tool, out var reference))
        {
            return null;
        }
        try
        {
            var descriptor = await DescribeAsync(context, reference, cancellationToken);
            return descriptor is not null && RequiresApproval(node, descriptor)
                ? $"{node.Tool} is annotated destructive (destructiveHint: true)"
                : null;
        }
        catch (ToolServerException)
        {
            // Unknown for now: the attempt re-checks once the server answers, and refuses an unapproved destructive call.
            return null;
        }
    }

    internal static bool RequiresApproval(WorkflowNode node, ToolDescriptor descriptor) =>
        node.Approval == WorkflowNode.ApprovalRequired
        || (node.Approval != WorkflowNode.ApprovalAuto && descriptor.Annotations.IsDestructive);
}
