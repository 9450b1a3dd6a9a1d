using Microsoft.Extensions.Options;

namespace WorkflowStudio.Engine.Tools.Builtin.Files;

/// <summary>
/// Where built-in tools read and write: the files root (sandbox of <c>files_*</c>, artefacts under <c>artifacts/</c>,
/// shipped demo files under <c>demo/</c>) and the offline outbox (<c>&lt;DataDir&gt;/outbox/CHANNEL</c>).
/// </summary>
internal sealed class ToolPaths
{
    public ToolPaths(IOptions<StudioOptions> studio, IOptions<FilesToolOptions> files)
    {
        DataDir = Path.GetFullPath(studio.Value.DataDir);
        FilesRoot = Path.GetFullPath(files.Value.Root is { Length: > 0 } root ? root : Path.Combine(DataDir, "files"));
        Options = files.Value;
    }

    public string DataDir { get; }
    public string FilesRoot { get; }
    public FilesToolOptions Options { get; }

    /// <summary>The folder for messages that had no configured service to go to.</summary>
    public string Outbox(string channel)
    {
        var folder = Path.Combine(DataDir, "outbox", channel);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// A path inside the files root. Relative paths are taken from the root; absolute ones must already be inside it.
    /// <c>..</c> escapes, and symbolic links leading out, are refused.
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
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(FilesRoot, path));
        if (!IsInside(full))
        {
            throw new ToolArgumentException($"path '{path}' is outside the files root; only paths under Tools:Files:Root ({FilesRoot}) are allowed.");
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

    /// <summary>The path relative to the files root, with forward slashes (what tools answer).</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(FilesRoot, fullPath).Replace('\\', '/');

    /// <summary>A file name made safe: letters, digits, <c>-</c>, <c>_</c>, <c>.</c>; anything else becomes <c>-</c>.</summary>
    public static string SafeName(string name)
    {
        var chars = name.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray();
        var safe = new string(chars).Trim('.', '-');
        return safe.Length == 0 ? "untitled" : safe[..Math.Min(safe.Length, 80)];
    }

    private bool IsInside(string full)
    {
        var root = FilesRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.Equals(FilesRoot, StringComparison.Ordinal) || full.StartsWith(root, StringComparison.Ordinal);
    }
}
