using WorkflowStudio.Engine.Execution;
namespace WorkflowStudio.Engine.Runs;

/// <summary>
/// How far a waited-for run is: <see cref="Done"/> nodes finished or skipped of <see cref="Total"/>, and what just happened
/// (<see cref="Message"/>, e.g. <c>fetch: started</c>). Surfaces translate it (MCP progress notifications, CLI lines).
/// </summary>
public readonly record struct RunProgress(int Done, int Total, string NodeId, string Message);
