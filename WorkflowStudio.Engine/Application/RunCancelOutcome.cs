namespace WorkflowStudio.Engine.Application;

/// <summary>What <see cref="TenantRuns.CancelAsync"/> did.</summary>
internal enum RunCancelOutcome
{
    /// <summary>Accepted: pending nodes skipped, running calls cancelled; audited.</summary>
    Cancelled,

    /// <summary>No such run in the tenant (another tenant's run is reported the same way).</summary>
    NotFound,

    /// <summary>The run had already finished, or a cancel was already accepted.</summary>
    AlreadyFinished,
}
