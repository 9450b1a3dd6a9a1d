namespace WorkflowStudio.Engine.Tools;

/// <summary>
/// Finds files in a tenant's files root (the built-in tools' sandbox) without reaching out of it: what the front door uses to
/// turn the paths a run's nodes answered into artefacts. Implemented by the built-in tools, which own the files root.
/// </summary>
internal interface ITenantFileLocator
{
    /// <summary>
    /// The existing regular file <paramref name="path"/> names in <paramref name="tenantId"/>'s files root (relative to it, or
    /// absolute and already inside it); null when the path is malformed, outside the root, in another tenant's folder, leads
    /// out through a link, or names no file (missing, a folder).
    /// </summary>
    TenantFile? Locate(string tenantId, string path);
}
