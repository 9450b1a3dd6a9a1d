using ScottPlot;

namespace WorkflowStudio.Bench.Reporting;

/// <summary>The PNG beside docs/benchmarks.md: per-node cost of each stage against workflow size, relative to the first measured size ≥ 100.</summary>
internal static class ScalingChart
{
    public sealed record Series(string Name, IReadOnlyList<double> PerNode);

    public static void Save(string path, IReadOnlyList<int> sizes, IReadOnlyList<Series> series)
    {
        using var plot = new Plot();
        var xs = sizes.Select(n => Math.Log10(n)).ToArray();
        var reference = Math.Max(0, sizes.ToList().FindIndex(n => n >= 100));
        foreach (var s in series)
        {
            var ys = s.PerNode.Select(v => v / s.PerNode[reference]).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = s.Name;
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
        }
        var flat = plot.Add.HorizontalLine(1);
        flat.LinePattern = LinePattern.Dashed;
        flat.LegendText = "flat = linear total";
        plot.Axes.Bottom.SetTicks(xs, sizes.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Title("WorkflowStudio scaling: cost per node vs workflow size");
        plot.XLabel("nodes in one workflow (log scale)");
        plot.YLabel(BenchReport.Invariant($"per-node cost ÷ per-node cost at {sizes[reference]} nodes"));
        // Tiny workflows are dominated by fixed per-call costs (e.g. the estimator's one latency-history query): clip so the flat part reads.
        const double top = 4;
        plot.Axes.SetLimitsY(0, top);
        var clipped = series.Where(s => s.PerNode.Any(v => v / s.PerNode[reference] > top)).Select(s => s.Name).ToArray();
        if (clipped.Length > 0)
        {
            plot.Add.Annotation(BenchReport.Invariant($"off the top at the smallest size (fixed per-call cost): {string.Join(", ", clipped)}"), Alignment.UpperRight);
        }
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 520);
    }
}
