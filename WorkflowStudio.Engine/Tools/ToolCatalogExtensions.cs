namespace WorkflowStudio.Engine.Tools;

/// <summary>Tenant views of an <see cref="IToolCatalog"/>.</summary>
public static class ToolCatalogExtensions
{
    /// <summary>
    /// The catalog as <paramref name="tenantId"/> sees it: <see cref="IToolCatalog.GetToolsAsync(string, CancellationToken)"/> answers
    /// that tenant's tools. Validate a tenant's workflows and list a tenant's tools through it.
    /// </summary>
    public static IToolCatalog ForTenant(this IToolCatalog catalog, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return catalog is TenantToolCatalog view ? new TenantToolCatalog(view.Inner, tenantId) : new TenantToolCatalog(catalog, tenantId);
    }

    private sealed class TenantToolCatalog(IToolCatalog inner, string tenantId) : IToolCatalog
    {
        public IToolCatalog Inner => inner;

        public IReadOnlyCollection<string> Servers => inner.Servers;

        public ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default) =>
            inner.GetToolsForTenantAsync(server, tenantId, cancellationToken);

        public ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsForTenantAsync(string server, string otherTenantId, CancellationToken cancellationToken = default) =>
            inner.GetToolsForTenantAsync(server, otherTenantId, cancellationToken);
    }
}
