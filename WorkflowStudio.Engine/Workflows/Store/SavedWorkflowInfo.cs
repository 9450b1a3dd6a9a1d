using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Workflows.Store;

/// <summary>A list entry: one workflow (its latest version) or one version of it, without the definition.</summary>
public sealed record SavedWorkflowInfo(string Id, int Version, string Name, DateTimeOffset CreatedAt, string? Note);
