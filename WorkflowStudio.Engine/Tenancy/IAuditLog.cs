namespace WorkflowStudio.Engine.Tenancy;

/// <summary>The audit log: creations, runs, approvals, key and user changes.</summary>
public interface IAuditLog
{
    ValueTask RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    ValueTask<IReadOnlyList<AuditEntry>> ListAsync(string tenantId, int limit = 100, CancellationToken cancellationToken = default);
}
