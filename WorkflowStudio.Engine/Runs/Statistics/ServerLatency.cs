using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs.Statistics;

/// <summary>Attempts of one tool server's tools in the window: how many, how many failed, how long they took.</summary>
public sealed record ServerLatency(string Server, int Calls, int Failures, DurationPercentiles Latency);
