using System.Text.Json;

namespace WorkflowStudio.Engine.Tools;

/// <summary>What a tool answered. <see cref="Output"/> is structured content, else parsed JSON text, else the text.</summary>
public sealed record ToolCallResult
{
    /// <summary>The tool reported an error (MCP <c>isError</c>); <see cref="ErrorMessage"/> says what.</summary>
    public bool IsError { get; init; }
    public JsonElement Output { get; init; }
    public string? ErrorMessage { get; init; }

    public static ToolCallResult Success(JsonElement output) => new() { Output = output };

    public static ToolCallResult Failure(string message) => new()
    {
        IsError = true,
        ErrorMessage = message,
        Output = JsonSerializer.SerializeToElement(message),
    };
}
