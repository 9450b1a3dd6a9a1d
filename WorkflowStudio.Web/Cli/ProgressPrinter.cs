using System.Globalization;
using WorkflowStudio.Engine.Runs.Events;

namespace WorkflowStudio.Web.Cli;

/// <summary>One line per node state change, on stderr, until the run finishes.</summary>
internal static class ProgressPrinter
{
    public static async Task PrintAsync(RunEventSubscription events, string runId, TextWriter writer, CancellationToken cancellationToken)
    {
        DateTimeOffset? start = null;
        await foreach (var runEvent in events.Events.ReadAllAsync(cancellationToken))
        {
            if (runEvent.RunId != runId)
            {
                continue;
            }
            start ??= runEvent.At;
            var line = Describe(runEvent);
            if (line is not null)
            {
                var seconds = (runEvent.At - start.Value).TotalSeconds;
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{seconds,7:0.00}s] {line}"));
            }
            if (runEvent is RunFinished)
            {
                return;
            }
        }
    }

    internal static string? Describe(RunEvent runEvent) => runEvent switch
    {
        NodeStarted e => $"{e.Node,-24} {(e.Fallback ? "fallback" : "started")} {e.Tool}{(e.Attempt > 1 && !e.Fallback ? $" (attempt {e.Attempt})" : "")}",
        NodeAttemptFailed e => $"{e.Node,-24} attempt {e.Attempt} failed ({e.Outcome}){(e.WillRetry ? ", retrying" : "")}: {e.Error}",
        NodeFinished e => string.Create(CultureInfo.InvariantCulture,
            $"{e.Node,-24} {e.Status} in {e.ElapsedMs / 1000:0.00}s{(e.FallbackUsed ? " (fallback)" : "")}{(e.Error is null ? "" : $": {e.Error}")}"),
        NodeProgressed e => string.Create(CultureInfo.InvariantCulture,
            $"{e.Node,-24} progress {e.Progress}{(e.Total is { } total ? $"/{total}" : "")}{(e.Message is null ? "" : $": {e.Message}")}"),
        NodeSkipped e => $"{e.Node,-24} skipped: {e.Reason}",
        NodeAwaitingApproval e => $"{e.Node,-24} waiting for approval ({e.Reason}): studio approve {e.RunId} {e.Node} [--reject --reason TEXT]",
        NodeApprovalDecided e => $"{e.Node,-24} {(e.Approved ? "approved" : "rejected")} by {e.DecidedBy}{(e.Reason is null ? "" : $": {e.Reason}")}",
        NodeAwaitingInput e => $"{e.Node,-24} {e.Tool} asks: {e.Message} (form {e.RequestedSchema.GetRawText()}): " +
            $"studio answer {e.RunId} {e.Node} --accept '{{\"field\": value}}' | --decline | --cancel",
        NodeInputAnswered e => $"{e.Node,-24} answered ({e.Action}) by {e.AnsweredBy}",
        RunRevised e => $"re-planned (revision {e.Revision}, {e.Planner}) after '{e.FailedNode}' failed: added [{string.Join(", ", e.Added)}], " +
            $"removed [{string.Join(", ", e.Removed)}], changed [{string.Join(", ", e.Changed)}]",
        RunCancelRequested e => $"cancelling: {e.Reason}",
        RunFinished e => string.Create(CultureInfo.InvariantCulture, $"run {e.Status} in {e.ElapsedMs / 1000:0.00}s"),
        _ => null,
    };
}
