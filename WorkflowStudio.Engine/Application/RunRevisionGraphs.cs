using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Application;

/// <summary>A re-plan's graphs: the one it replaced (null when an older journal did not keep it) and the one it made.</summary>
public sealed record RunRevisionGraphs(WorkflowDefinition? Before, WorkflowDefinition After);
