using WorkflowStudio.Engine.Execution;
namespace WorkflowStudio.Engine.Runs;

/// <summary>
/// Node states: pending → queued → running (→ awaiting_approval → queued) (→ awaiting_input → queued) → success | error | skipped.
/// awaiting_input: the tool's server asked a person for input (MCP elicitation) and the node waits for the answer.
/// </summary>
public static class NodeStatus
{
    public const string Pending = "pending";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string AwaitingApproval = "awaiting_approval";
    public const string AwaitingInput = "awaiting_input";
    public const string Success = "success";
    public const string Error = "error";
    public const string Skipped = "skipped";

    public static bool IsTerminal(string status) => status is Success or Error or Skipped;
}
