using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Engine.Workflows.Store;

/// <summary>Saved workflows. Saving never overwrites: each save is a new version, and a restore saves an old version again.</summary>
public interface IWorkflowStore
{
    /// <summary>
    /// Saves <paramref name="definition"/> as the next version of <paramref name="workflowId"/> (a new id when null), owned by
    /// <paramref name="tenantId"/> (<c>default</c> when null).
    /// </summary>
    ValueTask<SavedWorkflow> SaveAsync(string? workflowId, WorkflowDefinition definition, string? note = null, string? tenantId = null,
        CancellationToken cancellationToken = default);

    /// <summary>The given version, or the latest when <paramref name="version"/> is null; null when there is none.</summary>
    ValueTask<SavedWorkflow?> GetAsync(string workflowId, int? version = null, CancellationToken cancellationToken = default);

    /// <summary>The latest version of every saved workflow (of one tenant, when given), most recently saved first.</summary>
    ValueTask<IReadOnlyList<SavedWorkflowInfo>> ListAsync(int limit = 200, string? tenantId = null, CancellationToken cancellationToken = default);

    /// <summary>Every version of one workflow, newest first.</summary>
    ValueTask<IReadOnlyList<SavedWorkflowInfo>> ListVersionsAsync(string workflowId, CancellationToken cancellationToken = default);

    /// <summary>Saves version <paramref name="version"/> again as the newest version; throws <see cref="KeyNotFoundException"/> when it does not exist.</summary>
    ValueTask<SavedWorkflow> RestoreAsync(string workflowId, int version, CancellationToken cancellationToken = default);
}
