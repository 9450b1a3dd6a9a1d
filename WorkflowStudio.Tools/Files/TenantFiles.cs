namespace WorkflowStudio.Tools.Files;

/// <summary>
/// One tenant's sandbox (from <see cref="ToolPaths.For"/>): its files root, which the file tools, artefacts and demo files use,
/// and its data folder (demo database, offline outbox). The default tenant's sandbox is the files root itself minus the
/// <see cref="ToolPaths.TenantsFolder"/> folder that holds the other tenants' roots.
/// </summary>
internal sealed class TenantFiles
{
    /// <summary>Longest path a tool may give (longer ones are refused before touching the file system).</summary>
    public const int MaxPathChars = 1024;
    private const int MaxNameChars = 255;
    private const int MaxLinks = 40;
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
    /// <c>..</c> escapes, other tenants' folders, and symbolic links anywhere on the path (a folder in the middle, the last
    /// component, a dangling link) that lead out are refused: every component is resolved as the file system would.
    /// What remains is a race: a link swapped in between this check and the open. The tools cannot create links, so only
    /// someone with direct access to the files root can attempt it.
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
        if (path.Length > MaxPathChars)
        {
            throw new ToolArgumentException($"the path is {path.Length} characters long; at most {MaxPathChars} are accepted.");
        }
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Root, path));
        var shown = path.Length > 120 ? path[..120] + "…" : path;
        if (!IsInside(full))
        {
            throw new ToolArgumentException(_excluded is not null && IsAtOrUnder(full, _excluded)
                ? $"path '{shown}' is in '{ToolPaths.TenantsFolder}/', the other tenants' files; it is not part of this tenant's files root."
                : $"path '{shown}' is outside the files root; only paths under this tenant's files root ({Root}) are allowed.");
        }
        if (Path.GetFileName(full).Length > MaxNameChars || full.Split(Path.DirectorySeparatorChar).Any(part => part.Length > MaxNameChars))
        {
            throw new ToolArgumentException($"path '{shown}' has a file or folder name longer than {MaxNameChars} characters.");
        }
        if (LeadsOut(full))
        {
            throw new ToolArgumentException($"path '{shown}' leads through a link out of the files root.");
        }
        return full;
    }

    /// <summary>Whether <paramref name="full"/>, with every link on it followed, ends outside the tenant's files.</summary>
    public bool LeadsOut(string full)
    {
        var real = RealPath(full);
        return !IsAtOrUnder(real, RealPath(Root)) || (_excluded is not null && IsAtOrUnder(real, RealPath(_excluded)));
    }

    /// <summary>
    /// The path with every symbolic link on it followed, component by component (the parts that do not exist yet are kept as
    /// they are): what the file system would open. Like <c>realpath</c>, a <c>..</c> after a link climbs from the link's target.
    /// </summary>
    private static string RealPath(string full)
    {
        var root = Path.GetPathRoot(full) ?? Path.DirectorySeparatorChar.ToString();
        var pending = new LinkedList<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        var current = root;
        var links = 0;
        while (pending.First is { } first)
        {
            var part = first.Value;
            pending.RemoveFirst();
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var candidate = Path.Combine(current, part);
            if (new FileInfo(candidate).LinkTarget is not { } target)
            {
                current = candidate;
                if (pending.Count > 0 && !Directory.Exists(candidate))
                {
                    // Nothing under a missing folder (or a file) can be a link: the rest is taken as it is.
                    return Path.GetFullPath(Path.Combine(current, string.Join(Path.DirectorySeparatorChar, pending)));
                }
                continue;
            }
            if (++links > MaxLinks)
            {
                throw new ToolArgumentException($"the path goes through more than {MaxLinks} links (a loop?).");
            }
            var targetFull = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
            var targetRoot = Path.GetPathRoot(targetFull) ?? root;
            foreach (var segment in targetFull[targetRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.AddFirst(segment);
            }
            current = targetRoot;
        }
        return current;
    }

    /// <summary>The path relative to the root, with forward slashes (what tools answer).</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    /// <summary>Whether a path is this tenant's: under the root and not in another tenant's folder.</summary>
    public bool IsInside(string full) => IsAtOrUnder(full, Root) && (_excluded is null || !IsAtOrUnder(full, _excluded));

    private static bool IsAtOrUnder(string full, string folder) =>
        full.Equals(folder, StringComparison.Ordinal)
        || full.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
