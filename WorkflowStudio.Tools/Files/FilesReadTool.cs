using System.Text.Json.Nodes;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tools.Files;

/// <summary><c>builtin/files_read</c>: a text file under the files root; JSON files are parsed into <c>json</c> too.</summary>
internal sealed class FilesReadTool : BuiltinTool
{
    private readonly ToolPaths _paths;
    private readonly DemoDataInstaller _demo;

    public FilesReadTool(ToolPaths paths, DemoDataInstaller demo)
    {
        _paths = paths;
        _demo = demo;
    }

    public override ToolDescriptor Descriptor { get; } = Describe(
        "files_read", "Read a file",
        "Reads a UTF-8 text file under the files root (Tools:Files:Root; the shipped demo files are under 'demo/'). Large files are truncated with a note. JSON content is also returned parsed, as 'json'.",
        """
        { "type": "object",
          "properties": { "path": { "type": "string", "minLength": 1, "description": "Relative to the files root, e.g. 'demo/feeds/marketing-trends.json'." } },
          "required": ["path"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "path": { "type": "string" }, "bytes": { "type": "integer" }, "content": { "type": "string" },
                          "truncated": { "type": "boolean" }, "json": {} },
          "required": ["path", "bytes", "content", "truncated"] }
        """,
        ReadOnlyLocal);

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var files = _paths.For(context.TenantId);
        await _demo.EnsureFilesAsync(files, cancellationToken);
        var path = args.RequiredString("path");
        var full = files.Resolve(path);
        if (!File.Exists(full))
        {
            throw new ToolArgumentException(Directory.Exists(full)
                ? $"'{path}' is a folder; use builtin/files_list to see what it holds."
                : $"there is no file '{path}' under the files root.");
        }
        var max = files.Options.MaxReadBytes;
        var buffer = new byte[max];
        int read;
        long length;
        await using (var stream = File.OpenRead(full))
        {
            length = stream.Length;
            read = await stream.ReadAtLeastAsync(buffer, max, throwOnEndOfStream: false, cancellationToken);
        }
        var truncated = length > read;
        var content = ToolJson.Decode(buffer, read);
        var output = new JsonObject
        {
            ["path"] = files.Relative(full),
            ["bytes"] = length,
            ["content"] = truncated ? $"{content}\n[truncated: {length - read} more bytes not shown; the limit is Tools:Files:MaxReadBytes = {max}]" : content,
            ["truncated"] = truncated,
        };
        if (!truncated && ToolJson.TryParse(content) is { } json)
        {
            output["json"] = json;
        }
        return ToolJson.Ok(output);
    }
}
