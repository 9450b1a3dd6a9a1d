namespace WorkflowStudio.Engine.Execution;

/// <summary>An approval decision that cannot apply: unknown run or node, or a node that is not waiting for approval.</summary>
public sealed class ApprovalException : Exception
{
    public ApprovalException(string message) : base(message)
    {
    }
}
