namespace WorkflowStudio.Engine.Tools;

/// <summary>How WorkflowStudio talks to a configured MCP server.</summary>
public enum McpServerTransport
{
    /// <summary>A local process speaking MCP on its stdin/stdout (<c>command</c>, <c>args</c>, <c>env</c>, <c>cwd</c>).</summary>
    Stdio,

    /// <summary>A remote server over Streamable HTTP (<c>url</c>, <c>headers</c>).</summary>
    Http,
}
