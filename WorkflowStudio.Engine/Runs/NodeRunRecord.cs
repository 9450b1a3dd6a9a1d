using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs;

/// <summary>A node's journal row: its state, the arguments it was called with, its output or error.</summary>
public sealed record NodeRunRecord
{
    public required string RunId { get; init; }
    public required string NodeId { get; init; }
    public int Ordinal { get; init; }
    public required string Tool { get; init; }
    public required string Status { get; init; }
    public int RemainingDeps { get; init; }
    public int Attempts { get; init; }
    public long? QueuedAt { get; init; }
    public long? StartedAt { get; init; }
    public long? FinishedAt { get; init; }
    public string? Args { get; init; }
    public string? Output { get; init; }
    public string? Error { get; init; }
    public string? ContextUsed { get; init; }
    public bool RecoveryAttempted { get; init; }
    public bool FallbackUsed { get; init; }
    public string? FallbackResult { get; init; }

    /// <summary>Completed from the result cache, without calling its tool.</summary>
    public bool CacheHit { get; init; }
    public string? LeaseOwner { get; init; }
    public long? LeaseUntil { get; init; }

    /// <summary>Who approved the node (set once a person approved it; the gate is then open).</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>Arguments (JSON object) an approver edited and approved: the tool is called with these instead of the bound args.</summary>
    public string? ApprovedArgs { get; init; }

    /// <summary>The answer to the node's approval gate (<see cref="Execution.NodeDecision"/>: approved or rejected), once someone gave it.</summary>
    public string? Decision { get; init; }

    /// <summary>Who gave <see cref="Decision"/>.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>When <see cref="Decision"/> was given (Unix milliseconds).</summary>
    public long? DecidedAt { get; init; }

    /// <summary>What the node's tool server asked a person (JSON, <see cref="NodeInput"/>), while or since it asked.</summary>
    public string? InputRequest { get; init; }

    /// <summary>The person's answer to <see cref="InputRequest"/> (JSON, <see cref="Tools.ToolInputAnswer"/>), once given.</summary>
    public string? InputAnswer { get; init; }

    /// <summary>The node waits for a person's answer: awaiting_input, or a call in flight whose question is unanswered.</summary>
    public bool AwaitsInput => Status == NodeStatus.AwaitingInput || (Status == NodeStatus.Running && InputRequest is not null && InputAnswer is null);

    /// <summary><see cref="Status"/> as reported: a running node whose call waits for a person's answer reports awaiting_input.</summary>
    public string ReportedStatus => AwaitsInput ? NodeStatus.AwaitingInput : Status;
}
