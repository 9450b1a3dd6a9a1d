namespace WorkflowStudio.Engine.Tenancy;

/// <summary>Who did what: <see cref="Actor"/> is <c>key:ID</c>, <c>user:NAME</c> or <c>cli:NAME</c>; <see cref="Action"/> e.g. <c>run.start</c>.</summary>
public sealed record AuditEntry(string TenantId, string Actor, string Action, string? Target = null, string? Detail = null)
{
    public DateTimeOffset At { get; init; }
}
