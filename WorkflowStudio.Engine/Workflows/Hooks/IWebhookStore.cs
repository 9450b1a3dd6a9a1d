namespace WorkflowStudio.Engine.Workflows.Hooks;

/// <summary>Webhooks of saved workflows. Every read and change but <see cref="FindAsync"/> names the tenant; a deleted hook is never found.</summary>
internal interface IWebhookStore
{
    ValueTask<Webhook> CreateAsync(string tenantId, string workflowId, string protectedSecret, IReadOnlyDictionary<string, string> mapping, string mode,
        CancellationToken cancellationToken = default);

    /// <summary>The hook by id alone, whoever owns it: for a delivery, whose tenant is the hook's. Null when missing or deleted.</summary>
    ValueTask<Webhook?> FindAsync(string hookId, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<Webhook>> ListAsync(string tenantId, string workflowId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the secret of one of the tenant's hooks of the workflow; false when there is no such hook.</summary>
    ValueTask<bool> RotateAsync(string tenantId, string workflowId, string hookId, string protectedSecret, CancellationToken cancellationToken = default);

    /// <summary>Deletes one of the tenant's hooks of the workflow (its id is never reused); false when there is no such hook.</summary>
    ValueTask<bool> DeleteAsync(string tenantId, string workflowId, string hookId, CancellationToken cancellationToken = default);

    ValueTask TouchAsync(string hookId, CancellationToken cancellationToken = default);
}
