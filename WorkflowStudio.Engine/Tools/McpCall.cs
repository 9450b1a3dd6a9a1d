namespace WorkflowStudio.Engine.Tools;

/// <summary>One tool call in flight, and why a request for input it made could not be answered (then the call fails).</summary>
internal sealed class McpCall(ToolCallRequest request, string fullName)
{
    public ToolCallRequest Request { get; } = request;
    public string FullName { get; } = fullName;
    public string? Refusal { get; set; }
}
