using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs;

/// <summary>A run the close sweep must move on: closed, or re-planned when <paramref name="Replan"/> (its re-plan is due, nothing in flight).</summary>
public sealed record UnclosedRun(string RunId, bool Replan);
