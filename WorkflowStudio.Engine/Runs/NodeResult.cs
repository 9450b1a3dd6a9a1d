using System.Text.Json;
using WorkflowStudio.Engine.Execution;

namespace WorkflowStudio.Engine.Runs;

/// <summary>One node's outcome, in the seed's <c>results[]</c> shape.</summary>
public sealed record NodeResult
{
    public required string ActionId { get; init; }
    public required string Tool { get; init; }

    /// <summary>success, error or skipped (pending, queued or running while the run is in progress).</summary>
    public required string Status { get; init; }
    public JsonElement? Result { get; init; }
    public string? Error { get; init; }
    public int Attempts { get; init; }

    /// <summary>Milliseconds from the first attempt's start to the node's end.</summary>
    public double ExecutionTime { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The bindings the node read (e.g. <c>steps.extract.output.rows</c>).</summary>
    public IReadOnlyList<string> ContextUsed { get; init; } = [];
    public bool RecoveryAttempted { get; init; }
    public JsonElement? FallbackResult { get; init; }

    /// <summary>The result came from the node's result cache: its tool was not called, and the node costs nothing.</summary>
    public bool Cached { get; init; }

    /// <summary>While <c>awaiting_input</c>: what the tool's server asks, with its form (answer through the input endpoint).</summary>
    public NodeQuestion? Input { get; init; }
}
