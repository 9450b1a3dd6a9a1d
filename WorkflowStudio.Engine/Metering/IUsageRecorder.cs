namespace WorkflowStudio.Engine.Metering;

/// <summary>Keeps every chat call's token usage, priced, per run, plan and node.</summary>
public interface IUsageRecorder
{
    /// <summary>Stores <paramref name="usage"/>, priced with the model price table; returns its cost in USD.</summary>
    ValueTask<decimal> RecordAsync(ChatUsage usage, CancellationToken cancellationToken = default);

    /// <summary>Attributes the usage recorded for a plan (before its run existed) to the run that executes it.</summary>
    ValueTask AttachPlanToRunAsync(string planId, string runId, CancellationToken cancellationToken = default);

    /// <summary>Totals for a run: planning attached to it, repairs, re-planning, synthesis and model nodes.</summary>
    ValueTask<RunUsage> GetRunUsageAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Totals for a plan not (yet) attached to a run.</summary>
    ValueTask<RunUsage> GetPlanUsageAsync(string planId, CancellationToken cancellationToken = default);
}
