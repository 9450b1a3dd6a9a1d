using WorkflowStudio.Engine.Execution;
namespace WorkflowStudio.Engine.Runs;

/// <summary>A person's answer to a node waiting for approval, as recorded on the node: what, who, when.</summary>
public sealed record NodeDecision(string Decision, string DecidedBy, DateTimeOffset DecidedAt)
{
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    /// <summary>The run was cancelled while the node waited: no approval or rejection applies any more.</summary>
    public const string Cancelled = "cancelled";

    public override string ToString() => $"{Decision} by {DecidedBy} at {DecidedAt:u}";
}
