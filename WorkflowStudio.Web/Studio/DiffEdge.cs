namespace WorkflowStudio.Web.Studio;

/// <summary>An edge of the compared graphs: <see cref="To"/> waits for <see cref="From"/>; never <see cref="DiffState.Changed"/>.</summary>
public sealed record DiffEdge(string From, string To, DiffState State);
