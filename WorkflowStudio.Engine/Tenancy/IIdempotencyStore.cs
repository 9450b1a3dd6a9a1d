namespace WorkflowStudio.Engine.Tenancy;

/// <summary><c>Idempotency-Key</c> bookkeeping: a retried request gets the run the first one started.</summary>
public interface IIdempotencyStore
{
    public const int MaxKeyLength = 200;

    ValueTask<IdempotencyClaim> ClaimAsync(string tenantId, string key, string requestHash, CancellationToken cancellationToken = default);

    ValueTask CompleteAsync(string tenantId, string key, string runId, CancellationToken cancellationToken = default);

    /// <summary>Forgets a claim whose request failed before a run started, so a retry can try again.</summary>
    ValueTask ReleaseAsync(string tenantId, string key, CancellationToken cancellationToken = default);
}
