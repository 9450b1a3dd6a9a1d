namespace WorkflowStudio.Engine.Tools.Builtin.Files;

/// <summary>
/// One tenant's sandbox (from <see cref="ToolPaths.For"/>): its files root, which the file tools, artefacts and demo files use,
/// and its data folder (demo database, offline outbox). The default tenant's sandbox is the files root itself minus the
/// <see cref="ToolPaths.TenantsFolder"/> folder that holds the other tenants' roots.
/// </summary>
internal sealed class TenantFiles
{
    private readonly string? _excluded;

    public TenantFiles(string tenantId, string root, string dataFolder, FilesToolOptions options, string? excluded)
    {
        TenantId = tenantId;
        Root = root;
        DataFolder = dataFolder;
        Options = options;
        _excluded = excluded;
    }

    public string TenantId { get; }

    /// <summary>The folder relative paths are taken from.</summary>
    public string Root { get; }

    /// <summary>Where the tenant's other tool data lives (demo database, outbox).</summary>
    public string DataFolder { get; }

    public FilesToolOptions Options { get; }

    /// <summary>The folder for messages that had no configured service to go to: <c>&lt;data folder&gt;/outbox/CHANNEL</c>.</summary>
    public string Outbox(string channel)
    {
        var folder = Path.Combine(DataFolder, "outbox", channel);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// A path inside the tenant's root. Relative paths are taken from the root; absolute ones must already be inside it.
    /// <c>..</c> escapes, other tenants' folders, and symbolic links leading out, are refused.
    /// </summary>
    public string Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ToolArgumentException("the path is empty; give a path relative to the files root, e.g. 'reports/q3.md'.");
        }
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ToolArgumentException("the path contains a NUL character.");
        }
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Root, path));
        if (!IsInside(full))
        {
            throw new ToolArgumentException(_excluded is not null && IsAtOrUnder(full, _excluded)
                ? $"path '{path}' is in '{ToolPaths.TenantsFolder}/', the other tenants' files; it is not part of this tenant's files root."
                : $"path '{path}' is outside the files root; only paths under this tenant's files root ({Root}) are allowed.");
        }
        var existing = full;
        while (!Path.Exists(existing) && Path.GetDirectoryName(existing) is { } parent && IsInside(parent))
        {
            existing = parent;
        }
        if (Path.Exists(existing) && new FileInfo(existing).ResolveLinkTarget(returnFinalTarget: true) is { } target && !IsInside(target.FullName))
        {
            throw new ToolArgumentException($"path '{path}' leads through a link out of the files root.");
        }
        return full;
    }

    /// <summary>The path relative to the root, with forward slashes (what tools answer).</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    /// <summary>Whether a path is this tenant's: under the root and not in another tenant's folder.</summary>
    public bool IsInside(string full) => IsAtOrUnder(full, Root) && (_excluded is null || !IsAtOrUnder(full, _excluded));

    private static bool IsAtOrUnder(string full, string folder) =>
        full.Equals(folder, StringComparison.Ordinal)
        || full.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
