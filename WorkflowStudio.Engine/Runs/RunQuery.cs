using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs;

/// <summary>A page of runs, newest first, optionally filtered; <see cref="After"/> is the previous page's <see cref="RunPage.NextCursor"/>.</summary>
public sealed record RunQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public int Limit { get; init; } = DefaultLimit;
    public string? Status { get; init; }
    public string? WorkflowId { get; init; }

    /// <summary>Only runs of this tenant (every tenant when null).</summary>
    public string? TenantId { get; init; }

    /// <summary>Only runs created at or after this Unix ms.</summary>
    public long? CreatedFrom { get; init; }

    /// <summary>Only runs created before this Unix ms.</summary>
    public long? CreatedTo { get; init; }
    public RunCursor? After { get; init; }
}
