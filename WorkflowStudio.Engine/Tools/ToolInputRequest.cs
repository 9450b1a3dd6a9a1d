using System.Text.Json;

namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// A tool server's request for input from a person during a call (MCP elicitation, form mode): <see cref="Message"/> and
/// the form <see cref="RequestedSchema"/>. <see cref="InFlight"/>: the server asked with an <c>elicitation/create</c>
/// request while the call stays open (2025-era servers); otherwise it asked with an <c>input_required</c> result
/// (2026-07-28), and the call can end now and be made again later with the answer.
/// </summary>
public sealed record ToolInputRequest(string Message, JsonElement RequestedSchema, bool InFlight)
{
    /// <summary>The same question (message and form), as asked again when a call is made again.</summary>
    public bool IsSameQuestion(string message, JsonElement requestedSchema) =>
        Message == message && JsonElement.DeepEquals(RequestedSchema, requestedSchema);
}
