namespace WorkflowStudio.Engine.Workflows;

/// <summary>
/// A node's result cache: a successful call's output is kept for <see cref="TtlSeconds"/> (per tenant) and a later run of
/// the node with the same key completes with it instead of calling the tool.
/// </summary>
public sealed record NodeCache
{
    /// <summary>How long a stored output is reused, in seconds (1 to <see cref="WorkflowLimits.MaxCacheTtlSeconds"/>).</summary>
    public int TtlSeconds { get; init; }

    /// <summary>
    /// The cache key, a template that may contain bindings (rendered like args); null: the tool's name and its bound
    /// arguments (canonical JSON) are the key.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>
    /// Cache a tool whose MCP annotations say neither read-only nor idempotent (the node vouches for it). Never allowed for a
    /// tool annotated destructive.
    /// </summary>
    public bool Force { get; init; }
}
