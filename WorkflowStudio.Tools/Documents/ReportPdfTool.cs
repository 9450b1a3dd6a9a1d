using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tools.Files;

namespace WorkflowStudio.Tools.Documents;

/// <summary><c>builtin/report_pdf</c>: a real PDF (title, sections of text, bullets, tables and PNG charts) under <c>artifacts/reports/</c>.</summary>
internal sealed class ReportPdfTool : BuiltinTool
{
    private const int MaxTableRows = 500;

    /// <summary>A 14 pt heading and three 11 pt lines, in points.</summary>
    private const double HeadingWithLines = 14 * 1.35 + 3 * 11 * 1.35;
    private readonly ToolPaths _paths;

    public ReportPdfTool(ToolPaths paths) => _paths = paths;

    public override ToolDescriptor Descriptor { get; } = Describe(
        "report_pdf", "Write a PDF report",
        "Writes a PDF report to artifacts/reports/NAME.pdf under the files root: a title and subtitle, then sections with a heading, text " +
        $"(blank lines separate paragraphs), bullets, a table (rows of objects, at most {MaxTableRows}) and PNG images (paths under the files root, e.g. a chart_render 'png').",
        """
        { "type": "object",
          "properties": {
            "name": { "type": "string", "minLength": 1, "maxLength": 80 },
            "title": { "type": "string", "minLength": 1 },
            "subtitle": { "type": "string" },
            "sections": { "type": "array", "maxItems": 100, "items": { "type": "object",
              "properties": {
                "heading": { "type": "string" },
                "text": { "type": "string" },
                "bullets": { "type": "array", "items": { "type": ["string", "number"] } },
                "table": { "type": "object", "properties": {
                  "columns": { "type": "array", "items": { "type": "string" } },
                  "labels": { "type": "object", "additionalProperties": { "type": "string" }, "description": "Header text per column; by default a column name such as target_pct is shown as 'Target %'." },
                  "rows": { "type": "array", "items": { "type": "object" } } }, "required": ["rows"], "additionalProperties": false },
                "images": { "type": "array", "items": { "type": "string" } } },
              "additionalProperties": false } } },
          "required": ["name", "title"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "path": { "type": "string" }, "file": { "type": "string" }, "pages": { "type": "integer" }, "bytes": { "type": "integer" } },
          "required": ["path", "file", "pages", "bytes"] }
        """,
        new ToolAnnotations { ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false });

    protected override async ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var files = _paths.For(context.TenantId);
        var layout = new PdfLayout();
        layout.Text(args.RequiredString("title"), 20, bold: true, after: 2);
        if (args.String("subtitle") is { Length: > 0 } subtitle)
        {
            layout.Text(subtitle, 11);
        }
        layout.Text($"Generated {context.TimeProvider.GetUtcNow():yyyy-MM-dd HH:mm} UTC by WorkflowStudio", 8, after: 12);
        if (args.Element("sections") is { } sections)
        {
            foreach (var section in sections.EnumerateArray())
            {
                cancellationToken.ThrowIfCancellationRequested();
                await SectionAsync(layout, section, files, cancellationToken);
            }
        }
        var folder = files.Resolve("artifacts/reports");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, ToolPaths.SafeName(args.RequiredString("name")) + ".pdf");
        var bytes = layout.Build();
        await File.WriteAllBytesAsync(file, bytes, cancellationToken);
        return ToolJson.Ok(new JsonObject { ["path"] = files.Relative(file), ["file"] = file, ["pages"] = layout.Pages, ["bytes"] = bytes.Length });
    }

    private async Task SectionAsync(PdfLayout layout, JsonElement section, TenantFiles files, CancellationToken cancellationToken)
    {
        if (section.TryGetProperty("heading", out var heading))
        {
            layout.Gap(6);
            // A heading never ends a page alone: it moves to the next page unless a few lines of its section fit below it.
            layout.KeepTogether(HeadingWithLines);
            layout.Text(heading.GetString()!, 14, bold: true, after: 2);
        }
        if (section.TryGetProperty("text", out var text))
        {
            foreach (var paragraph in text.GetString()!.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                layout.Text(paragraph.Trim(), 11, after: 6);
            }
        }
        if (section.TryGetProperty("bullets", out var bullets))
        {
            foreach (var bullet in bullets.EnumerateArray())
            {
                layout.Text($"-  {ToolArgs.AsText(bullet)}", 11, after: 1);
            }
            layout.Gap(5);
        }
        if (section.TryGetProperty("table", out var table))
        {
            var rows = table.GetProperty("rows").EnumerateArray().ToList();
            if (rows.Count > MaxTableRows)
            {
                throw new ToolArgumentException($"a table has {rows.Count} rows, more than {MaxTableRows}; aggregate or limit them first.");
            }
            var columns = table.TryGetProperty("columns", out var given)
                ? given.EnumerateArray().Select(c => c.GetString()!).ToList()
                : rows.SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct(StringComparer.Ordinal).ToList();
            var headers = columns.Select(c => table.TryGetProperty("labels", out var labels) && labels.TryGetProperty(c, out var label)
                ? label.GetString()! : ColumnLabel.For(c)).ToList();
            layout.Table(headers, [.. rows.Select(r => (IReadOnlyList<string>)[.. columns.Select(c => r.TryGetProperty(c, out var v) ? Format(v) : "")])]);
        }
        if (section.TryGetProperty("images", out var images))
        {
            foreach (var image in images.EnumerateArray())
            {
                var path = image.GetString()!;
                var full = files.Resolve(path);
                if (!File.Exists(full))
                {
                    throw new ToolArgumentException($"image '{path}' does not exist under the files root.");
                }
                layout.Image(await File.ReadAllBytesAsync(full, cancellationToken), 495);
            }
        }
    }

    private static string Format(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && Math.Abs(d) >= 1000
            ? d.ToString(d % 1 == 0 ? "N0" : "N2", System.Globalization.CultureInfo.InvariantCulture)
            : ToolArgs.AsText(value);
}
