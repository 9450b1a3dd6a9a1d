using Microsoft.Extensions.Logging;

namespace WorkflowStudio.Engine.Tools;

/// <summary>Log messages of the MCP tool hub. Never payloads, arguments, env or header values.</summary>
internal static partial class McpToolHubLog
{
    [LoggerMessage(1, LogLevel.Information, "Starting MCP server {Server} ({Transport})")]
    public static partial void ServerStarting(ILogger logger, string server, McpServerTransport transport);

    [LoggerMessage(2, LogLevel.Information, "MCP server {Server} is running with {ToolCount} tools (started in {ElapsedMs} ms)")]
    public static partial void ServerStarted(ILogger logger, string server, int toolCount, long elapsedMs);

    [LoggerMessage(3, LogLevel.Warning, "MCP server {Server} failed to start")]
    public static partial void ServerStartFailed(ILogger logger, Exception exception, string server);

    [LoggerMessage(4, LogLevel.Warning, "MCP server {Server} disconnected (exit code {ExitCode}); the next call restarts it")]
    public static partial void ServerDisconnected(ILogger logger, string server, int? exitCode);

    [LoggerMessage(5, LogLevel.Warning, "Call of {Server}/{Tool} lost its connection; the next call reconnects")]
    public static partial void CallTransportFailed(ILogger logger, Exception exception, string server, string tool);

    [LoggerMessage(6, LogLevel.Debug, "MCP server {Server} changed its tool list")]
    public static partial void ToolListChanged(ILogger logger, string server);

    [LoggerMessage(7, LogLevel.Warning, "Closing the connection to MCP server {Server} failed")]
    public static partial void DisposeFailed(ILogger logger, Exception exception, string server);

    [LoggerMessage(8, LogLevel.Debug, "Call of {Server}/{Tool} answered with an error result")]
    public static partial void CallReturnedError(ILogger logger, string server, string tool);

    [LoggerMessage(12, LogLevel.Information, "MCP server {Server} refused the protocol revision it was first asked for, or answered the server/discover probe as an older server does; connecting again with revision {ProtocolVersion}")]
    public static partial void DiscoverFallback(ILogger logger, string server, string protocolVersion);

    [LoggerMessage(11, LogLevel.Warning, "Call of {Server}/{Tool} answered with a result that could not be read: {Problem}")]
    public static partial void ResultUnreadable(ILogger logger, string server, string tool, string problem);

    [LoggerMessage(13, LogLevel.Warning, "MCP server configuration: {Warning}")]
    public static partial void ConfigSettingIgnored(ILogger logger, string warning);

    [LoggerMessage(9, LogLevel.Information, "Restarting MCP server {Server} on request")]
    public static partial void ServerRestarting(ILogger logger, string server);

    [LoggerMessage(10, LogLevel.Warning, "MCP server {Server} did not come up after the restart; its status says why")]
    public static partial void RestartFailed(ILogger logger, string server);

    [LoggerMessage(20, LogLevel.Information, "MCP server {Server} asks a person for input during a call of {Tool} (input_required result: {InputRequired})")]
    public static partial void InputRequested(ILogger logger, string server, string tool, bool inputRequired);

    [LoggerMessage(21, LogLevel.Information, "MCP server {Server} asks the model (sampling) during a call of {Tool}")]
    public static partial void SamplingRequested(ILogger logger, string server, string tool);
}
