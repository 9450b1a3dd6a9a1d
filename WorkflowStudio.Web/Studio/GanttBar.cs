namespace WorkflowStudio.Web.Studio;

/// <summary>One node attempt on the timeline, in milliseconds from the run's start.</summary>
public sealed record GanttBar(string NodeId, int Attempt, string Tool, double StartMs, double DurationMs, string Outcome, bool Critical, string? Error);
