using WorkflowStudio.Engine.Persistence;
namespace WorkflowStudio.Engine.Runs;

/// <summary>One call of a node's tool (a retry or the fallback is another attempt).</summary>
public sealed record NodeAttemptRecord
{
    public required string RunId { get; init; }
    public required string NodeId { get; init; }
    public required int Attempt { get; init; }
    public required string Tool { get; init; }
    public required long StartedAt { get; init; }
    public long? FinishedAt { get; init; }

    /// <summary>success, error (tool said so), timeout, transport, cancelled.</summary>
    public string? Outcome { get; init; }
    public string? Error { get; init; }
}
