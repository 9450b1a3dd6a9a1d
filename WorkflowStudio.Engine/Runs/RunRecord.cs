using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs;

/// <summary>A run row. JSON columns hold raw JSON text.</summary>
public sealed record RunRecord
{
    public required string Id { get; init; }
    public required string WorkflowId { get; init; }
    public required string WorkflowName { get; init; }
    public required string Definition { get; init; }
    public required string Inputs { get; init; }
    public required string Status { get; init; }
    public required long CreatedAt { get; init; }
    public long? StartedAt { get; init; }
    public long? FinishedAt { get; init; }
    public string? Output { get; init; }
    public string? Error { get; init; }
    public string? Summary { get; init; }
    public bool CancelRequested { get; init; }

    /// <summary>How many times the graph was re-planned.</summary>
    public int Revision { get; init; }

    /// <summary>A node that failed for good and waits for the run to be re-planned once nothing else is in flight.</summary>
    public string? ReplanNode { get; init; }

    /// <summary>The tenant the run belongs to (<c>default</c> for the CLI and runs made before tenants existed).</summary>
    public string TenantId { get; init; } = Tenancy.Tenant.DefaultId;

    /// <summary>How the run was started (<see cref="RunOrigin"/>); <c>manual</c> for runs from before it was recorded.</summary>
    public string Origin { get; init; } = RunOrigin.Manual;

    /// <summary>The actor that started the run, as the audit log names it; null for runs from before it was recorded.</summary>
    public string? StartedBy { get; init; }
}
