using WorkflowStudio.Engine.Execution;
namespace WorkflowStudio.Engine.Runs;

/// <summary>One re-plan of a run, in the result: which node failed, which planner revised the graph, and what changed.</summary>
public sealed record RunRevision
{
    public required int Revision { get; init; }
    public required string FailedNode { get; init; }
    public required string Error { get; init; }
    public required string Planner { get; init; }
    public string? Explanation { get; init; }
    public required RevisionDiff Diff { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
