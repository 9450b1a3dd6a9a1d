using System.Globalization;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Web.Studio;

/// <summary>
/// Run, node and server states in words for people ("Awaiting approval", "Partly succeeded"); pages keep the raw state in
/// <c>data-status</c> for automation, and the API and the command line print the raw state.
/// </summary>
internal static class StatusText
{
    public static string Label(string? status) => status switch
    {
        null or "" => string.Empty,
        RunStatus.Success => "Succeeded",
        RunStatus.PartialSuccess => "Partly succeeded",
        RunStatus.Failed => "Failed",
        NodeStatus.Error => "Error",
        RunStatus.Cancelled => "Cancelled",
        RunStatus.Running => "Running",
        RunStatus.AwaitingApproval => "Awaiting approval",
        RunStatus.AwaitingInput => "Awaiting input",
        NodeStatus.Pending => "Pending",
        NodeStatus.Queued => "Queued",
        NodeStatus.Skipped => "Skipped",
        RunCanvasState.Idle => "Not run",
        _ => char.ToUpper(status[0], CultureInfo.InvariantCulture) + status[1..].Replace('_', ' '),
    };
}
