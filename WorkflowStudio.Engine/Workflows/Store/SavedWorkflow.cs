using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Workflows.Store;

/// <summary>One saved version of a workflow.</summary>
public sealed record SavedWorkflow
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required string Name { get; init; }
    public required WorkflowDefinition Definition { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Why this version exists, e.g. "restored from version 2".</summary>
    public string? Note { get; init; }

    /// <summary>The tenant that owns the workflow.</summary>
    public string TenantId { get; init; } = Tenancy.Tenant.DefaultId;
}
