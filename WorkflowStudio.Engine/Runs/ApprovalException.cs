using WorkflowStudio.Engine.Execution;
namespace WorkflowStudio.Engine.Runs;

/// <summary>An approval decision that cannot apply: unknown run or node, or a node that is not waiting for approval.</summary>
public sealed class ApprovalException : Exception
{
    public ApprovalException(string message) : base(message)
    {
    }

    public ApprovalException(string message, NodeDecision? winner) : base(message) => Winner = winner;

    /// <summary>The decision that came first, when another one already answered the node (the caller lost the race).</summary>
    public NodeDecision? Winner { get; }
}
