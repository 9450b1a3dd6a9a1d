using System.Diagnostics;
using System.Diagnostics.Metrics;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Engine.Execution;

/// <summary>
/// OpenTelemetry-ready instrumentation: an activity per node attempt (tool, server, attempt, status) and per finished
/// run, and metrics for runs, node durations and queue wait. Exporters are configured by the host (OTEL_* variables).
/// </summary>
public sealed class EngineTelemetry : IDisposable
{
    public const string SourceName = "WorkflowStudio";
    public static readonly ActivitySource Source = new(SourceName);
    private readonly Meter _meter;
    private readonly Counter<long> _runsStarted;
    private readonly Counter<long> _runsFinished;
    private readonly Histogram<double> _nodeDuration;
    private readonly Histogram<double> _queueWait;

    public EngineTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(SourceName);
        _runsStarted = _meter.CreateCounter<long>("workflowstudio.runs.started", description: "Runs started");
        _runsFinished = _meter.CreateCounter<long>("workflowstudio.runs.finished", description: "Runs finished, by status");
        _nodeDuration = _meter.CreateHistogram<double>("workflowstudio.node.duration", "ms", "Node execution time, by tool and status");
        _queueWait = _meter.CreateHistogram<double>("workflowstudio.node.queue_wait", "ms", "Time from a node being ready to a worker starting it");
    }

    public void RunStarted() => _runsStarted.Add(1);

    public void RunFinished(string runId, string workflow, string status, DateTimeOffset started, DateTimeOffset finished)
    {
        _runsFinished.Add(1, new KeyValuePair<string, object?>("status", status));
        using var activity = Source.StartActivity("workflow.run", ActivityKind.Internal, parentContext: default, startTime: started);
        if (activity is not null)
        {
            activity.SetTag("workflowstudio.run_id", runId);
            activity.SetTag("workflowstudio.workflow", workflow);
            activity.SetTag("workflowstudio.status", status);
            activity.SetStatus(status == RunStatus.Success ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
            activity.SetEndTime(finished.UtcDateTime);
        }
    }

    public void NodeQueueWait(TimeSpan wait) => _queueWait.Record(wait.TotalMilliseconds);

    public void NodeFinished(string tool, string status, TimeSpan duration) =>
        _nodeDuration.Record(duration.TotalMilliseconds, new KeyValuePair<string, object?>("tool", tool), new KeyValuePair<string, object?>("status", status));

    internal Activity? StartAttempt(string runId, string nodeId, string tool, int attempt, bool fallback)
    {
        var activity = Source.StartActivity("node.attempt", ActivityKind.Client);
        if (activity is not null)
        {
            var slash = tool.IndexOf('/', StringComparison.Ordinal);
            activity.SetTag("workflowstudio.run_id", runId);
            activity.SetTag("workflowstudio.node", nodeId);
            activity.SetTag("workflowstudio.tool", tool);
            activity.SetTag("workflowstudio.server", slash > 0 ? tool[..slash] : tool);
            activity.SetTag("workflowstudio.attempt", attempt);
            activity.SetTag("workflowstudio.fallback", fallback);
        }
        return activity;
    }

    internal static void EndAttempt(Activity? activity, string outcome, string? error)
    {
        if (activity is null)
        {
            return;
        }
        activity.SetTag("workflowstudio.status", outcome);
        activity.SetStatus(outcome == "success" ? ActivityStatusCode.Ok : ActivityStatusCode.Error, error);
    }

    public void Dispose() => _meter.Dispose();
}
