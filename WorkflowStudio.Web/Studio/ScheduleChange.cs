namespace WorkflowStudio.Web.Studio;

/// <summary>What <see cref="StudioTenant.ChangeScheduleAsync"/> does.</summary>
public enum ScheduleChange
{
    Pause,
    Resume,
    Delete,
    Trigger,
}
