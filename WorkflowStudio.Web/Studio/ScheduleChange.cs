namespace WorkflowStudio.Web.Studio;

/// <summary>What <see cref="StudioTenant.ChangeScheduleAsync"/> does.</summary>
internal enum ScheduleChange
{
    Pause,
    Resume,
    Delete,
    Trigger,
}
