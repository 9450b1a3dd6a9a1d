using System.Globalization;
using System.Text.Json.Nodes;
using ScottPlot;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tools.Files;

namespace WorkflowStudio.Tools.Documents;

/// <summary><c>builtin/chart_render</c>: a line, bar or funnel chart as SVG and PNG (ScottPlot, headless) under <c>artifacts/charts/</c>.</summary>
internal sealed class ChartRenderTool : BuiltinTool
{
    private static readonly Color[] Palette = [Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.Crimson, Colors.SlateBlue, Colors.Gold];
    private readonly ToolPaths _paths;

    public ChartRenderTool(ToolPaths paths) => _paths = paths;

    public override ToolDescriptor Descriptor { get; } = Describe(
        "chart_render", "Render a chart",
        "Draws a line, bar or funnel chart and writes it as SVG and PNG to artifacts/charts/NAME.{svg,png} under the files root. " +
        "Data: 'rows' (e.g. a db_query output's rows) with 'x' (label field) and 'y' (value field or fields), or 'series' with 'labels'.",
        """
        { "type": "object",
          "properties": {
            "type": { "enum": ["line", "bar", "funnel"] },
            "name": { "type": "string", "minLength": 1, "maxLength": 80, "description": "File name without extension." },
            "title": { "type": "string" },
            "rows": { "type": "array", "items": { "type": "object" } },
            "x": { "type": "string" },
            "y": { "type": ["string", "array"], "items": { "type": "string" } },
            "labels": { "type": "array", "items": { "type": ["string", "number"] } },
            "series": { "type": "array", "minItems": 1, "items": { "type": "object",
              "properties": { "name": { "type": "string" }, "values": { "type": "array", "items": { "type": "number" } } }, "required": ["values"], "additionalProperties": false } },
            "xLabel": { "type": "string" }, "yLabel": { "type": "string" },
            "width": { "type": "integer", "minimum": 200, "maximum": 4000, "default": 800 },
            "height": { "type": "integer", "minimum": 150, "maximum": 4000, "default": 450 } },
          "required": ["type", "name"], "additionalProperties": false }
        """,
        """
        { "type": "object",
          "properties": { "svg": { "type": "string" }, "png": { "type": "string" }, "svgFile": { "type": "string" }, "pngFile": { "type": "string" }, "points": { "type": "integer" } },
          "required": ["svg", "png", "svgFile", "pngFile", "points"] }
        """,
        new ToolAnnotations { ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false });

    protected override ValueTask<ToolCallResult> RunAsync(ToolArgs args, BuiltinToolContext context, CancellationToken cancellationToken)
    {
        var files = _paths.For(context.TenantId);
        var data = ChartData.From(args);
        var type = args.RequiredString("type");
        using var plot = new Plot();
        switch (type)
        {
            case "line":
                Line(plot, data);
                break;
            case "bar":
                Bars(plot, data);
                break;
            default:
                Funnel(plot, data);
                break;
        }
        if (args.String("title") is { } title)
        {
            plot.Title(title);
        }
        if (args.String("xLabel") is { } xLabel)
        {
            plot.XLabel(xLabel);
        }
        if (args.String("yLabel") is { } yLabel)
        {
            plot.YLabel(yLabel);
        }
        var folder = files.Resolve("artifacts/charts");
        Directory.CreateDirectory(folder);
        var name = ToolPaths.SafeName(args.RequiredString("name"));
        var svg = Path.Combine(folder, name + ".svg");
        var png = Path.Combine(folder, name + ".png");
        int width = args.Int("width", 800), height = args.Int("height", 450);
        cancellationToken.ThrowIfCancellationRequested();
        plot.SaveSvg(svg, width, height);
        plot.SavePng(png, width, height);
        return ValueTask.FromResult(ToolJson.Ok(new JsonObject
        {
            ["svg"] = files.Relative(svg), ["png"] = files.Relative(png), ["svgFile"] = svg, ["pngFile"] = png, ["points"] = data.Series.Sum(s => s.Values.Length),
        }));
    }

    private static void Line(Plot plot, ChartData data)
    {
        var xs = Enumerable.Range(0, data.Labels.Count).Select(i => (double)i).ToArray();
        for (var s = 0; s < data.Series.Count; s++)
        {
            var scatter = plot.Add.Scatter(xs, data.Series[s].Values);
            scatter.Color = Palette[s % Palette.Length];
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
            scatter.LegendText = data.Series[s].Name;
        }
        plot.Axes.Bottom.SetTicks(xs, [.. data.Labels]);
        Legend(plot, data);
    }

    private static void Bars(Plot plot, ChartData data)
    {
        var width = 0.8 / data.Series.Count;
        for (var s = 0; s < data.Series.Count; s++)
        {
            var bars = data.Series[s].Values.Select((v, i) => new Bar
            {
                Position = i - 0.4 + width * (s + 0.5), Value = v, Size = width * 0.95, FillColor = Palette[s % Palette.Length],
            }).ToList();
            var barPlot = plot.Add.Bars(bars);
            barPlot.LegendText = data.Series[s].Name;
        }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, data.Labels.Count).Select(i => (double)i)], [.. data.Labels]);
        plot.Axes.Margins(bottom: 0);
        Legend(plot, data);
    }

    private static void Funnel(Plot plot, ChartData data)
    {
        var values = data.Series[0].Values;
        var top = values.Length == 0 ? 1 : Math.Max(values[0], 1e-9);
        var count = values.Length;
        var bars = values.Select((v, i) => new Bar
        {
            Position = count - 1 - i, ValueBase = -v / 2, Value = v / 2, FillColor = Palette[0], Orientation = Orientation.Horizontal,
            Label = string.Create(CultureInfo.InvariantCulture, $"{v:N0} ({v / top:P0})"),
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, count).Select(i => (double)(count - 1 - i))], [.. data.Labels]);
        plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
        plot.Axes.Margins(horizontal: 0, vertical: 0.1);
        // The value label is drawn right of each bar: leave room for the widest bar's label, centred like the funnel.
        plot.Axes.SetLimitsX(-0.85 * top, 0.85 * top);
    }

    private static void Legend(Plot plot, ChartData data)
    {
        if (data.Series.Count > 1)
        {
            plot.ShowLegend();
        }
    }
}
