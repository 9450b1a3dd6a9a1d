using WorkflowStudio.Engine.Execution;
namespace WorkflowStudio.Engine.Runs;

/// <summary>Run states as journaled and reported.</summary>
public static class RunStatus
{
    public const string Running = "running";
    public const string AwaitingApproval = "awaiting_approval";
    public const string Success = "success";
    public const string PartialSuccess = "partial_success";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsTerminal(string status) => status is Success or PartialSuccess or Failed or Cancelled;
}
