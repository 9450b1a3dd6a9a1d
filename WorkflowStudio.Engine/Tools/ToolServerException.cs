namespace WorkflowStudio.Engine.Tools;

/// <summary>A tool server could not be started or reached; the message names the server and what happened.</summary>
public sealed class ToolServerException : Exception
{
    public ToolServerException(string server, string message, Exception? innerException = null)
        : base(message, innerException) => Server = server;

    public string Server { get; }
}
