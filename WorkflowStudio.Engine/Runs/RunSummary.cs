using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs;

/// <summary>A run as the runs list shows it (no definition, inputs or output).</summary>
public sealed record RunSummary
{
    public required string Id { get; init; }
    public required string WorkflowId { get; init; }
    public required string WorkflowName { get; init; }
    public required string Status { get; init; }
    public required long CreatedAt { get; init; }
    public long? StartedAt { get; init; }
    public long? FinishedAt { get; init; }
    public string? Error { get; init; }

    /// <summary>How the run was started (<see cref="RunOrigin"/>).</summary>
    public string Origin { get; init; } = RunOrigin.Manual;

    /// <summary>The actor that started the run, as the audit log names it; null for runs from before it was recorded.</summary>
    public string? StartedBy { get; init; }
}
