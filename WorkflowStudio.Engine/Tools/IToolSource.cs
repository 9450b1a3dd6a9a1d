namespace WorkflowStudio.Engine.Tools;

/// <summary>A provider of tools for one or more server names (MCP servers, built-ins).</summary>
public interface IToolSource
{
    IReadOnlyCollection<string> Servers { get; }

    /// <summary>Tools of one server. Throws <see cref="ToolServerException"/> when the server cannot be reached.</summary>
    ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tools of one server as one tenant sees them (e.g. a tenant's own OpenAPI imports). Sources whose tools are the same for
    /// every tenant keep the default, <see cref="GetToolsAsync(string, CancellationToken)"/>.
    /// </summary>
    ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsForTenantAsync(string server, string tenantId, CancellationToken cancellationToken = default) =>
        GetToolsAsync(server, cancellationToken);

    /// <summary>
    /// Calls a tool. Tool-reported errors come back as <see cref="ToolCallResult.IsError"/>; a lost connection
    /// or an unreadable answer throws <see cref="ToolTransportException"/>; cancellation throws
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    ValueTask<ToolCallResult> InvokeAsync(ToolCallRequest request, CancellationToken cancellationToken = default);
}
