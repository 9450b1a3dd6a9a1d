namespace WorkflowStudio.Engine.Tools;

/// <summary>Health of the configured MCP servers (for <c>/health</c>, the <c>tools</c> verb and the dashboard).</summary>
public interface IMcpServerHealth
{
    /// <summary>Configured MCP server names (without <c>builtin</c>).</summary>
    IReadOnlyCollection<string> Servers { get; }

    /// <summary>Status of one server; throws <see cref="KeyNotFoundException"/> when it is not configured.</summary>
    McpServerStatus GetServerStatus(string server);
}
