namespace WorkflowStudio.Engine.Tools;

/// <summary>The call's outcome is unknown: the connection broke or the answer could not be read.</summary>
public sealed class ToolTransportException : Exception
{
    public ToolTransportException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
