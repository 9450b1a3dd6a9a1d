using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs.Statistics;

/// <summary>Runs created in one minute, and how many of them have succeeded or ended otherwise so far.</summary>
public sealed record MinuteRuns(DateTimeOffset Minute, int Created, int Succeeded, int Failed);
