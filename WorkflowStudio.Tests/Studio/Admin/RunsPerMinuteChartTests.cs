using System.Globalization;
using Bunit;
using WorkflowStudio.Web.Components.Admin;

namespace WorkflowStudio.Tests.Studio.Admin;

public sealed class RunsPerMinuteChartTests : IAsyncDisposable
{
    private readonly BunitContext _context = new();

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    [Fact]
    public void Render_StackedBars_HeightsFollowTheCountsAndTheAxisFitsTheTallest()
    {
        var chart = _context.Render<RunsPerMinuteChart>(p => p.Add(c => c.Bars,
            [("10:00", 2, 1, 0), ("10:01", 0, 0, 0), ("10:02", 4, 0, 1)]));

        var rects = chart.FindAll("rect");
        Assert.Equal(9, rects.Count);
        double Height(int i) => double.Parse(rects[i].GetAttribute("height")!, CultureInfo.InvariantCulture);
        Assert.Equal(2 * Height(1), Height(0), 3);
        Assert.Equal(4 * Height(1), Height(6), 3);
        Assert.Equal(Height(1), Height(8), 3);
        Assert.Equal(0, Height(3));
        Assert.Contains(">8</text>", chart.Markup, StringComparison.Ordinal);
        Assert.Contains("6 succeeded, 1 failed or cancelled, 1 still running", chart.Find("svg").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Contains("10:02: 1 still running", chart.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SixtyBars_LabelsAtMostTwelveOfThem()
    {
        var bars = Enumerable.Range(0, 60).Select(i => ($"10:{i:00}", 1, 0, 0)).ToArray();

        var chart = _context.Render<RunsPerMinuteChart>(p => p.Add(c => c.Bars, bars));

        var labels = chart.FindAll("text").Select(t => t.TextContent).Where(t => t.StartsWith("10:", StringComparison.Ordinal)).ToList();
        Assert.InRange(labels.Count, 6, 12);
        Assert.Equal("10:00", labels[0]);
    }
}
