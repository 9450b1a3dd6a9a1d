namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// Thrown by a <see cref="ToolCallRequest.OnInputRequested"/> handler to end the call now because a person must answer
/// <see cref="Request"/> first (the server asked with an <c>input_required</c> result, so nothing of the call is lost:
/// it is made again with the answer). The invoker lets it through unchanged.
/// </summary>
public sealed class ToolInputRequiredException(ToolInputRequest request)
    : Exception($"The tool's server asks a person for input: {request.Message}")
{
    public ToolInputRequest Request { get; } = request;
}
