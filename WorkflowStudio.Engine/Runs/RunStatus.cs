using WorkflowStudio.Engine.Execution;
namespace WorkflowStudio.Engine.Runs;

/// <summary>Run states as journaled and reported.</summary>
public static class RunStatus
{
    public const string Running = "running";
    public const string AwaitingApproval = "awaiting_approval";

    /// <summary>A node waits for a person's answer to a tool server's question (and none waits for approval).</summary>
    public const string AwaitingInput = "awaiting_input";

    /// <summary>The run waits for a person: an approval or an answer.</summary>
    public static bool IsAwaitingPerson(string status) => status is AwaitingApproval or AwaitingInput;
    public const string Success = "success";
    public const string PartialSuccess = "partial_success";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsTerminal(string status) => status is Success or PartialSuccess or Failed or Cancelled;
}
