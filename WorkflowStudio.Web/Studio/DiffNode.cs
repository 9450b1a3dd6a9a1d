using WorkflowStudio.Engine.Planning;

namespace WorkflowStudio.Web.Studio;

/// <summary>A node of the compared graphs, placed on the comparison canvas, with what changed in it.</summary>
public sealed record DiffNode(string Id, string Tool, DiffState State, NodePosition Position)
{
    /// <summary>The format's property names that differ (tool, args, ...), for a changed node.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>The arguments that differ, old and new, for a changed node.</summary>
    public IReadOnlyList<ArgumentChange> Arguments { get; init; } = [];
}
