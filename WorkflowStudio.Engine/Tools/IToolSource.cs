namespace WorkflowStudio.Engine.Tools;

/// <summary>A provider of tools for one or more server names (MCP servers, built-ins).</summary>
public interface IToolSource
{
    IReadOnlyCollection<string> Servers { get; }

    /// <summary>Tools of one server. Throws <see cref="ToolServerException"/> when the server cannot be reached.</summary>
    ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls a tool. Tool-reported errors come back as <see cref="ToolCallResult.IsError"/>; a lost connection
    /// or an unreadable answer throws <see cref="ToolTransportException"/>; cancellation throws
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    ValueTask<ToolCallResult> InvokeAsync(ToolCallRequest request, CancellationToken cancellationToken = default);
}
