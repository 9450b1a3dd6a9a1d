namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// The <c>mcpServers</c> configuration is invalid. <see cref="Errors"/> holds one line per problem,
/// each as <c>SOURCE: PATH: message</c> (for example <c>mcp.json: $.mcpServers.files: needs either "command" or "url"</c>).
/// </summary>
public sealed class McpConfigException : Exception
{
    public McpConfigException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }
}
