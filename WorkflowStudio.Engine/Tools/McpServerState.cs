namespace WorkflowStudio.Engine.Tools;

/// <summary>Where a configured MCP server stands right now.</summary>
public enum McpServerState
{
    /// <summary>Not used yet: servers start on first use.</summary>
    NotStarted,

    /// <summary>Connected; calls go straight through.</summary>
    Running,

    /// <summary>The last start failed or the connection broke; the next call tries to start it again.</summary>
    Failed,
}
