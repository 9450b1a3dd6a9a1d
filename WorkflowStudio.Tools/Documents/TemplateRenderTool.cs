using System.Text.Json;
using System.Text.Json.Nodes;
using Scriban;
using Scriban.Runtime;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tools.Files;

namespace WorkflowStudio.Tools.Documents;

/// <summary><c>builtin/template_render</c>: a Scriban (Liquid-like) template over a JSON model, optionally written to a file.</summary>
internal sealed class TemplateRenderTool : BuiltinTool
{
    private const int MaxOutputChars = 1024 * 1024;
    private readonly ToolPaths _paths;
    private readonly DemoDataInstaller _demo;

    public TemplateRenderTool(ToolPaths paths, DemoDataInstaller demo)
    {
        _paths = paths;
        _demo = demo;
    }

    public override ToolDescriptor Descriptor { get; } = Describe(
        "template_render", "Render a text template",
        "Renders a Scriban template ({{ name }}, {{ for x in items }}…{{ end }}, {{ value | math.round 1 }}; Liquid-like) with 'model' as its " +
        "variables. The template is given inline ('template') or as a file under the files root ('templateFile', e.g. 'demo/templates/blog-post.sbn'). " +
        "With 'outputPath' the text is also written under the files root. Templates cannot read files or call .NET.",
        """
        { "type": "object",
          "properties": {
            "template": { "type": "string", "minLength": 1 },
            "templateFile": { "type": "string", "minLength": 1 },
            "model": { "type": "object", "description": "Variables of the template." },
            "outputPath": { "type": "string", "minLength": 1 } },
          "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "text": { "type": "string" }, "chars": { "type": "integer" }, "path": { "type": "string" }, "file": { "type": "string" } },
          "required": ["text", "chars"] }
        """,
        new ToolAnnotations { ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var files = _paths.For(context.TenantId);
        var source = await SourceAsync(args, files, cancellationToken);
        var template = Template.Parse(source);
        if (template.HasErrors)
        {
            throw new ToolArgumentException($"the template does not parse: {string.Join("; ", template.Messages.Select(m => m.ToString()))}");
        }
        var globals = new ScriptObject();
        if (args.Element("model") is { } model)
        {
            foreach (var property in model.EnumerateObject())
            {
                globals[property.Name] = ToScript(property.Value);
            }
        }
        var templateContext = new TemplateContext
        {
            LoopLimit = 10_000,
            RecursiveLimit = 50,
            LimitToString = MaxOutputChars,
            StrictVariables = true,
            CancellationToken = cancellationToken,
            MemberRenamer = member => member.Name,
        };
        templateContext.PushGlobal(globals);
        string text;
        try
        {
            text = await template.RenderAsync(templateContext);
        }
        catch (Scriban.Syntax.ScriptRuntimeException exception)
        {
            throw new ToolArgumentException($"the template failed: {exception.OriginalMessage} (at {exception.Span.ToStringSimple()})", exception);
        }
        var (output, _) = ToolJson.Truncate(text, MaxOutputChars);
        var result = new JsonObject { ["text"] = output, ["chars"] = text.Length };
        if (args.String("outputPath") is { } path)
        {
            var full = files.Resolve(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, text, cancellationToken);
            result["path"] = files.Relative(full);
            result["file"] = full;
        }
        return ToolJson.Ok(result);
    }

    private async Task<string> SourceAsync(ToolArgs args, TenantFiles files, CancellationToken cancellationToken)
    {
        var inline = args.String("template");
        var file = args.String("templateFile");
        if ((inline is null) == (file is null))
        {
            throw new ToolArgumentException("give exactly one of 'template' (the text) or 'templateFile' (a path under the files root).");
        }
        if (inline is not null)
        {
            return inline;
        }
        await _demo.EnsureFilesAsync(files, cancellationToken);
        var full = files.Resolve(file!);
        return File.Exists(full)
            ? await File.ReadAllTextAsync(full, cancellationToken)
            : throw new ToolArgumentException($"there is no template file '{file}' under the files root.");
    }

    private static object? ToScript(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new ScriptObject();
                foreach (var property in value.EnumerateObject())
                {
                    obj[property.Name] = ToScript(property.Value);
                }
                return obj;
            case JsonValueKind.Array:
                var array = new ScriptArray();
                foreach (var item in value.EnumerateArray())
                {
                    array.Add(ToScript(item));
                }
                return array;
            default:
                return ToolArgs.ToClr(value);
        }
    }
}
