using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Files;

/// <summary>
/// The front door's view of the files root: <see cref="TenantFiles.Resolve"/>'s rules (no <c>..</c> escapes, no other
/// tenant's folder, no link out of the root), then the file must exist and be a regular file.
/// </summary>
internal sealed class TenantFileLocator(ToolPaths paths) : ITenantFileLocator
{
    public TenantFile? Locate(string tenantId, string path)
    {
        try
        {
            var files = paths.For(tenantId);
            var full = files.Resolve(path);
            return File.Exists(full)
                ? new TenantFile(full, files.Relative(full))
                : null;
        }
        catch (ToolArgumentException)
        {
            return null; // not a path of this tenant's files: the same answer as a missing file
        }
    }
}
