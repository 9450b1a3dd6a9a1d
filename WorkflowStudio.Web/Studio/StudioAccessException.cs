namespace WorkflowStudio.Web.Studio;

/// <summary>The signed-in user may not do this (their role), or the thing is not their tenant's; the message says what to do.</summary>
internal sealed class StudioAccessException : Exception
{
    public StudioAccessException(string message)
        : base(message)
    {
    }

    public StudioAccessException()
    {
    }

    public StudioAccessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
