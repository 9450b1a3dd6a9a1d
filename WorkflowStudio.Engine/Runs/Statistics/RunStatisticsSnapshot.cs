using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs.Statistics;

/// <summary>What the journal says about one time window of runs.</summary>
public sealed record RunStatisticsSnapshot
{
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }

    /// <summary>One entry per minute of the window, oldest first, including empty minutes.</summary>
    public required IReadOnlyList<MinuteRuns> PerMinute { get; init; }
    public int Created { get; init; }
    public int Finished { get; init; }
    public int Succeeded { get; init; }

    /// <summary>Succeeded / finished, 0..1; null when no run has finished in the window.</summary>
    public double? SuccessRate => Finished == 0 ? null : (double)Succeeded / Finished;
    public required DurationPercentiles RunDurations { get; init; }
    public required DurationPercentiles NodeDurations { get; init; }

    /// <summary>From a node being queued (ready) to its first start.</summary>
    public required DurationPercentiles QueueWaits { get; init; }

    /// <summary>Nodes of the window's unfinished runs running now, in any worker process.</summary>
    public int NodesRunning { get; init; }

    /// <summary>Nodes of the window's unfinished runs ready and not started yet (queued).</summary>
    public int NodesReady { get; init; }

    /// <summary>Tools with failed attempts, most failures first.</summary>
    public required IReadOnlyList<ToolFailureCount> TopFailingTools { get; init; }

    /// <summary>Attempt latency per tool server (the part of the tool name before '/'), by server name.</summary>
    public required IReadOnlyList<ServerLatency> Servers { get; init; }

    /// <summary>True when the window held more rows than are read at once; the figures then cover the newest ones.</summary>
    public bool Truncated { get; init; }
}
