namespace WorkflowStudio.Engine.Planning;

/// <summary>A dependency edge (explicit <c>dependsOn</c> or implied by a <c>steps.ID</c> binding): <paramref name="To"/> waits for <paramref name="From"/>.</summary>
public sealed record EdgeChange(string From, string To);
