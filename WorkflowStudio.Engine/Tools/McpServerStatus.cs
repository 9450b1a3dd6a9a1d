namespace WorkflowStudio.Engine.Tools;

/// <summary>Health of one MCP server: state, last error, tools known, and calls made through this process.</summary>
/// <param name="Target">The command line or URL (no query string), as shown in error messages.</param>
/// <param name="ToolCount">Tools listed by the current (or last) connection; 0 before the first start.</param>
/// <param name="Failures">Calls that ended in an error result or threw (server failed to start, connection lost, no answer).</param>
public sealed record McpServerStatus(
    string Server,
    McpServerTransport Transport,
    string Target,
    McpServerState State,
    string? LastError,
    int ToolCount,
    long Calls,
    long Failures);
