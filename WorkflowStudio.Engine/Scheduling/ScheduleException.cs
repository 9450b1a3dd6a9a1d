namespace WorkflowStudio.Engine.Scheduling;

/// <summary>A schedule that cannot be created or changed; the message says what is wrong and how to fix it.</summary>
public sealed class ScheduleException : Exception
{
    public ScheduleException(string message) : base(message)
    {
    }
}
