using System.IO.Enumeration;
using System.Text.Json.Nodes;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Files;

/// <summary><c>builtin/files_list</c>: the entries of a folder under the files root.</summary>
internal sealed class FilesListTool : BuiltinTool
{
    private const int MaxEntries = 1000;
    private readonly ToolPaths _paths;
    private readonly DemoDataInstaller _demo;

    public FilesListTool(ToolPaths paths, DemoDataInstaller demo)
    {
        _paths = paths;
        _demo = demo;
    }

    public override ToolDescriptor Descriptor { get; } = Describe(
        "files_list", "List files",
        $"Lists a folder under the files root (default: the root itself), optionally recursively and filtered by a pattern such as '*.md'. At most {MaxEntries} entries.",
        """
        { "type": "object",
          "properties": {
            "path": { "type": "string", "default": "", "description": "Folder relative to the files root." },
            "pattern": { "type": "string", "default": "*" },
            "recursive": { "type": "boolean", "default": false } },
          "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": {
            "path": { "type": "string" },
            "entries": { "type": "array", "items": { "type": "object", "properties": { "path": { "type": "string" }, "type": { "enum": ["file", "folder"] }, "bytes": { "type": "integer" } } } },
            "truncated": { "type": "boolean" } },
          "required": ["path", "entries", "truncated"] }
        """,
        ReadOnlyLocal);

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var files = _paths.For(context.TenantId);
        await _demo.EnsureFilesAsync(files, cancellationToken);
        var path = args.String("path") ?? "";
        var full = path.Length == 0 ? files.Root : files.Resolve(path);
        Directory.CreateDirectory(files.Root);
        if (!Directory.Exists(full))
        {
            throw new ToolArgumentException($"there is no folder '{path}' under the files root.");
        }
        var option = args.Bool("recursive", false) ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        var entries = new JsonArray();
        var truncated = false;
        foreach (var entry in Enumerate(new DirectoryInfo(full), args.String("pattern") ?? "*", option, files).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entries.Count == MaxEntries)
            {
                truncated = true;
                break;
            }
            var item = new JsonObject { ["path"] = files.Relative(entry.FullName), ["type"] = entry is FileInfo ? "file" : "folder" };
            if (entry is FileInfo file)
            {
                item["bytes"] = file.Length;
            }
            entries.Add(item);
        }
        return ToolJson.Ok(new JsonObject { ["path"] = files.Relative(full), ["entries"] = entries, ["truncated"] = truncated });
    }

    /// <summary>The entries the tenant may see: the default tenant's listing never enters the other tenants' folder.</summary>
    private static IEnumerable<FileSystemInfo> Enumerate(DirectoryInfo folder, string pattern, SearchOption option, TenantFiles files)
    {
        var enumeration = new EnumerationOptions
        {
            RecurseSubdirectories = option == SearchOption.AllDirectories,
            AttributesToSkip = 0,
            IgnoreInaccessible = true,
        };
        // The same pattern rules as Directory.EnumerateFileSystemInfos (Win32 wildcards: '*.*' also matches names without a dot).
        var expression = FileSystemName.TranslateWin32Expression(pattern);
        return new FileSystemEnumerable<FileSystemInfo>(folder.FullName, (ref FileSystemEntry entry) => entry.ToFileSystemInfo(), enumeration)
        {
            // A link is listed only when it stays inside (e.g. an alias of a folder of the root), and never entered while recursing.
            ShouldRecursePredicate = (ref FileSystemEntry entry) =>
                files.IsInside(entry.ToFullPath()) && (entry.Attributes & FileAttributes.ReparsePoint) == 0,
            ShouldIncludePredicate = (ref FileSystemEntry entry) =>
                files.IsInside(entry.ToFullPath()) && FileSystemName.MatchesWin32Expression(expression, entry.FileName, ignoreCase: false)
                && ((entry.Attributes & FileAttributes.ReparsePoint) == 0 || !files.LeadsOut(entry.ToFullPath())),
        };
    }
}
