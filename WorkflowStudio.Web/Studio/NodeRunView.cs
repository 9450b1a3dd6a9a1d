namespace WorkflowStudio.Web.Studio;

/// <summary>What the canvas shows for one node during or after a run.</summary>
public sealed record NodeRunView
{
    /// <summary><see cref="RunCanvasState.Idle"/> before any run, then pending, running, awaiting_approval, success, error or skipped.</summary>
    public string Status { get; init; } = RunCanvasState.Idle;
    public int Attempts { get; init; }
    public double? ElapsedMs { get; init; }
    public string? Error { get; init; }
    public bool FallbackUsed { get; init; }

    /// <summary>The node's result came from its result cache: its tool was not called.</summary>
    public bool Cached { get; init; }
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Why the node waits for approval (required by the workflow, or a destructive tool), while it waits.</summary>
    public string? ApprovalReason { get; init; }

    /// <summary>The bound arguments the tool will be called with once approved, while the node waits.</summary>
    public System.Text.Json.JsonElement? ApprovalArgs { get; init; }
    public DateTimeOffset? AwaitingSince { get; init; }
}
