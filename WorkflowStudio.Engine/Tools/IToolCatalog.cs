namespace WorkflowStudio.Engine.Tools;

/// <summary>Every configured server's tools, by <c>server/tool</c>.</summary>
public interface IToolCatalog
{
    /// <summary>Configured server names, <c>builtin</c> included.</summary>
    IReadOnlyCollection<string> Servers { get; }

    /// <summary>Tools of one server; throws <see cref="ToolServerException"/> when it is unreachable, <see cref="KeyNotFoundException"/> when it is not configured.</summary>
    ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsAsync(string server, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tools of one server as one tenant sees them: a tenant's own OpenAPI imports are listed only for it.
    /// <see cref="GetToolsAsync(string, CancellationToken)"/> is the default tenant's view. <see cref="ToolCatalogExtensions.ForTenant"/>
    /// gives a whole catalog for one tenant (for validation and listings).
    /// </summary>
    ValueTask<IReadOnlyList<ToolDescriptor>> GetToolsForTenantAsync(string server, string tenantId, CancellationToken cancellationToken = default) =>
        GetToolsAsync(server, cancellationToken);
}
