using System.Text;
using System.Text.Json.Nodes;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Files;

/// <summary><c>builtin/files_write</c>: writes (or appends) a text file under the files root, creating folders.</summary>
internal sealed class FilesWriteTool : BuiltinTool
{
    private readonly ToolPaths _paths;

    public FilesWriteTool(ToolPaths paths) => _paths = paths;

    public override ToolDescriptor Descriptor { get; } = Describe(
        "files_write", "Write a file",
        "Writes UTF-8 text to a file under the files root (Tools:Files:Root), creating folders. Overwrites unless 'append' is true.",
        """
        { "type": "object",
          "properties": {
            "path": { "type": "string", "minLength": 1, "description": "Relative to the files root, e.g. 'cms/blog/post.md'." },
            "content": { "type": "string", "description": "The text to write." },
            "append": { "type": "boolean", "default": false } },
          "required": ["path", "content"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "path": { "type": "string" }, "file": { "type": "string" }, "bytes": { "type": "integer" } },
          "required": ["path", "file", "bytes"] }
        """,
        new ToolAnnotations { ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var files = _paths.For(context.TenantId);
        var full = files.Resolve(args.RequiredString("path"));
        var content = args.String("content") ?? "";
        var bytes = Encoding.UTF8.GetByteCount(content);
        if (bytes > files.Options.MaxWriteBytes)
        {
            throw new ToolArgumentException($"'content' is {bytes} bytes, more than Tools:Files:MaxWriteBytes ({files.Options.MaxWriteBytes}).");
        }
        if (Directory.Exists(full))
        {
            throw new ToolArgumentException($"'{args.String("path")}' is a folder; give a file path.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (args.Bool("append", false))
        {
            await File.AppendAllTextAsync(full, content, cancellationToken);
        }
        else
        {
            await File.WriteAllTextAsync(full, content, cancellationToken);
        }
        return ToolJson.Ok(new JsonObject { ["path"] = files.Relative(full), ["file"] = full, ["bytes"] = new FileInfo(full).Length });
    }
}
