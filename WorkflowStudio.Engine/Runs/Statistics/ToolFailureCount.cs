using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs.Statistics;

/// <summary>Failed attempts of one tool (<c>server/tool</c>) out of all its attempts in the window.</summary>
public sealed record ToolFailureCount(string Tool, int Failures, int Attempts);
