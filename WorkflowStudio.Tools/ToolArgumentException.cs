namespace WorkflowStudio.Tools;

/// <summary>A tool's arguments or configuration cannot be used; the message says what and how to fix it.</summary>
internal sealed class ToolArgumentException : Exception
{
    public ToolArgumentException(string message)
        : base(message)
    {
    }

    public ToolArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ToolArgumentException()
    {
    }
}
