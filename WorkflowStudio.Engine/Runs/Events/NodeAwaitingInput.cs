using System.Text.Json;

namespace WorkflowStudio.Engine.Runs.Events;

/// <summary>
/// A node's tool server asked a person for input (MCP elicitation): <see cref="Message"/> says what, and
/// <see cref="RequestedSchema"/> is the form (a flat JSON object schema of string, number, integer, boolean and enum fields).
/// <see cref="InFlight"/>: the server asked during a call that stays open (a 2025-era <c>elicitation/create</c>), which ends
/// unanswered after the input timeout; otherwise the call ended with an <c>input_required</c> result and the wait is durable.
/// </summary>
public sealed record NodeAwaitingInput(string RunId, DateTimeOffset At, string Node, string Tool, string Message, JsonElement RequestedSchema, bool InFlight)
    : RunEvent(RunId, At)
{
    public const string Kind = "node_awaiting_input";
    public override string EventKind => Kind;
    public override string? NodeId => Node;
}
