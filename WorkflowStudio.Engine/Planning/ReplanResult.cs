using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Engine.Planning;

/// <summary>A re-planner's answer: the revised workflow and its diff, or why there is none.</summary>
public sealed record ReplanResult
{
    /// <summary>The whole revised workflow (succeeded nodes unchanged); null when no valid revision could be made.</summary>
    public WorkflowDefinition? Workflow { get; init; }

    /// <summary>Nodes added, removed and changed against the workflow that ran.</summary>
    public WorkflowDiff? Diff { get; init; }

    /// <summary>Ids of the nodes still to run, in workflow order.</summary>
    public IReadOnlyList<string> PendingNodes { get; init; } = [];
    public IReadOnlyList<string> Errors { get; init; } = [];
    public required string Planner { get; init; }
    public string? Explanation { get; init; }
    public int Revision { get; init; }
    public RunUsage Usage { get; init; } = RunUsage.None;
    public bool Succeeded => Workflow is not null;
}
