namespace WorkflowStudio.Tools.Documents;

/// <summary>A chart's labels and series, from explicit lists or from rows with an x field and y field(s).</summary>
internal sealed record ChartData(IReadOnlyList<string> Labels, IReadOnlyList<(string Name, double[] Values)> Series)
{
    public const int MaxPoints = 1000;

    public static ChartData From(ToolArgs args)
    {
        if (args.Element("rows") is { } rows)
        {
            var x = args.String("x") ?? throw new ToolArgumentException("with 'rows', name the label field in 'x' (e.g. \"month\").");
            var ys = args.Strings("y");
            if (ys.Count == 0)
            {
                throw new ToolArgumentException("with 'rows', name the value field(s) in 'y' (e.g. \"revenue\" or [\"revenue\", \"target\"]).");
            }
            var items = rows.EnumerateArray().ToList();
            var labels = items.Select(r => r.TryGetProperty(x, out var l) ? ToolArgs.AsText(l) : "").ToList();
            var series = ys.Select(y => (y, items.Select((r, i) => r.TryGetProperty(y, out var v) && ToolArgs.AsNumber(v) is { } n
                ? n
                : throw new ToolArgumentException($"rows[{i}].{y} is not a number.")).ToArray())).ToList();
            return Check(new ChartData(labels, series));
        }
        if (args.Element("series") is { } given)
        {
            var series = given.EnumerateArray().Select((s, i) => (
                s.TryGetProperty("name", out var n) ? n.GetString() ?? $"series {i + 1}" : $"series {i + 1}",
                s.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray())).ToList();
            var labels = args.Strings("labels");
            var count = series.Max(s => s.Item2.Length);
            return Check(new ChartData(labels.Count > 0 ? labels : [.. Enumerable.Range(1, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], series));
        }
        throw new ToolArgumentException("give the data as 'rows' with 'x' and 'y', or as 'series' (with optional 'labels').");
    }

    private static ChartData Check(ChartData data)
    {
        if (data.Series.Count == 0 || data.Series.All(s => s.Values.Length == 0))
        {
            throw new ToolArgumentException("there is no data to draw.");
        }
        if (data.Labels.Count > MaxPoints)
        {
            throw new ToolArgumentException($"{data.Labels.Count} points is more than {MaxPoints}; aggregate first (builtin/data_query).");
        }
        foreach (var (name, values) in data.Series.Where(s => s.Values.Length != data.Labels.Count))
        {
            throw new ToolArgumentException($"series '{name}' has {values.Length} values for {data.Labels.Count} labels.");
        }
        return data;
    }

}
