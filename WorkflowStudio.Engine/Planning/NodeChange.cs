namespace WorkflowStudio.Engine.Planning;

/// <summary>A node kept by id whose definition changed; <see cref="Fields"/> are the format's property names (tool, args, ...).</summary>
public sealed record NodeChange(string Id, IReadOnlyList<string> Fields)
{
    /// <summary>The top-level arguments whose value differs (added, removed or changed), in name order; empty when args did not change.</summary>
    public IReadOnlyList<ArgumentChange> Arguments { get; init; } = [];
}
