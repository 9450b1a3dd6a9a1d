using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs;

/// <summary>One re-plan of a run: which node failed, what the planner changed (diff JSON) and the new definition.</summary>
public sealed record RevisionRecord
{
    public required string RunId { get; init; }
    public required int Revision { get; init; }
    public required string FailedNode { get; init; }
    public required string Error { get; init; }
    public required string Planner { get; init; }
    public string? Explanation { get; init; }
    public required string Diff { get; init; }
    public required string Definition { get; init; }

    /// <summary>The graph this revision replaced (journaled since migration 0016; null for older revisions).</summary>
    public string? PreviousDefinition { get; init; }
    public required long CreatedAt { get; init; }
}
