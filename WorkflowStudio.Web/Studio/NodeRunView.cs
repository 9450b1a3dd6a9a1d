namespace WorkflowStudio.Web.Studio;

/// <summary>What the canvas shows for one node during or after a run.</summary>
public sealed record NodeRunView
{
    /// <summary><see cref="RunCanvasState.Idle"/> before any run, then pending, running, success, error or skipped.</summary>
    public string Status { get; init; } = RunCanvasState.Idle;
    public int Attempts { get; init; }
    public double? ElapsedMs { get; init; }
    public string? Error { get; init; }
    public bool FallbackUsed { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
}
