using Microsoft.Extensions.Options;
using WorkflowStudio.Engine;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Engine.Persistence;

namespace WorkflowStudio.Tools.Files;

/// <summary>
/// Where built-in tools read and write, per tenant (<see cref="For"/>). The default tenant keeps the layout from before
/// tenants: the files root itself (sandbox of <c>files_*</c>, artefacts under <c>artifacts/</c>, demo files under
/// <c>demo/</c>) and <c>&lt;DataDir&gt;</c> for its demo database and outbox. Every other tenant gets
/// <c>&lt;files root&gt;/.tenants/ID/</c> and <c>&lt;DataDir&gt;/tenants/ID/</c>; the default tenant cannot reach <c>.tenants/</c>.
/// </summary>
internal sealed class ToolPaths
{
    /// <summary>The folder of the files root that holds the non-default tenants' roots.</summary>
    public const string TenantsFolder = ".tenants";

    public ToolPaths(IOptions<DataOptions> studio, IOptions<FilesToolOptions> files)
    {
        DataDir = Path.GetFullPath(studio.Value.DataDir);
        FilesRoot = Path.GetFullPath(files.Value.Root is { Length: > 0 } root ? root : Path.Combine(DataDir, "files"));
        Options = files.Value;
    }

    public string DataDir { get; }

    /// <summary>The configured files root (the default tenant's root).</summary>
    public string FilesRoot { get; }

    public FilesToolOptions Options { get; }

    /// <summary>The sandbox of one tenant; an id that is not a valid tenant id (so could name a path) is refused.</summary>
    public TenantFiles For(string tenantId)
    {
        if (!Tenant.IsValidId(tenantId))
        {
            throw new ToolArgumentException($"'{tenantId}' is not a valid tenant id (lower-case letters, digits, '-' and '_', starting with a letter or digit); it cannot name a files root.");
        }
        var tenants = Path.Combine(FilesRoot, TenantsFolder);
        if (tenantId == Tenant.DefaultId)
        {
            return new TenantFiles(tenantId, FilesRoot, DataDir, Options, excluded: tenants);
        }
        var root = Path.GetFullPath(Path.Combine(tenants, tenantId));
        var data = Path.GetFullPath(Path.Combine(DataDir, "tenants", tenantId));
        if (Path.GetDirectoryName(root) != tenants || Path.GetDirectoryName(data) != Path.Combine(DataDir, "tenants"))
        {
            throw new ToolArgumentException($"tenant id '{tenantId}' does not name a folder of its own.");
        }
        return new TenantFiles(tenantId, root, data, Options, excluded: null);
    }

    /// <summary>A file name made safe: letters, digits, <c>-</c>, <c>_</c>, <c>.</c>; anything else becomes <c>-</c>.</summary>
    public static string SafeName(string name)
    {
        var chars = name.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray();
        var safe = new string(chars).Trim('.', '-');
        return safe.Length == 0 ? "untitled" : safe[..Math.Min(safe.Length, 80)];
    }
}
