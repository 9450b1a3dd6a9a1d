namespace WorkflowStudio.Engine.Runs;

/// <summary>What a revision changed, as journaled and reported.</summary>
public sealed record RevisionDiff(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed);
