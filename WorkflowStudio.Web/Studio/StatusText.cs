using System.Globalization;

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
        "success" => "Succeeded",
        "partial_success" => "Partly succeeded",
        "failed" => "Failed",
        "error" => "Error",
        "cancelled" => "Cancelled",
        "running" => "Running",
        "awaiting_approval" => "Awaiting approval",
        "pending" => "Pending",
        "queued" => "Queued",
        "skipped" => "Skipped",
        "idle" => "Not run",
        _ => char.ToUpper(status[0], CultureInfo.InvariantCulture) + status[1..].Replace('_', ' '),
    };
}
