using System.Text.Json;

namespace WorkflowStudio.Engine.Execution;

/// <summary>How one tool call ended.</summary>
internal enum AttemptKind
{
    Success,
    /// <summary>The tool answered with an error: it ran (or refused), the outcome is known.</summary>
    ToolError,
    /// <summary>The server could not be reached before the call was sent: safe to retry.</summary>
    Unavailable,
    /// <summary>No answer in time: the outcome is unknown.</summary>
    Timeout,
    /// <summary>The connection broke mid-call: the outcome is unknown.</summary>
    Transport,
    /// <summary>Not called, and calling again will not help (a destructive tool without approval).</summary>
    Refused,
    /// <summary>The server asked a person for input with an <c>input_required</c> result: the node waits for the answer, then calls again.</summary>
    InputRequired,
}

internal readonly record struct AttemptOutcome(AttemptKind Kind, JsonElement? Output, string? Error)
{
    public bool Succeeded => Kind == AttemptKind.Success;

    /// <summary>Unknown outcomes may have had side effects, so only tools that are safe to repeat are retried after them.</summary>
    public bool OutcomeUnknown => Kind is AttemptKind.Timeout or AttemptKind.Transport;

    public string OutcomeName => Kind switch
    {
        AttemptKind.Success => "success",
        AttemptKind.ToolError => "error",
        AttemptKind.Unavailable => "unavailable",
        AttemptKind.Timeout => "timeout",
        AttemptKind.Refused => "refused",
        AttemptKind.InputRequired => "input_required",
        _ => "transport",
    };
}
