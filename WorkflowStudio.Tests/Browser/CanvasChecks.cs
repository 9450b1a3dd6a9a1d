using System.Globalization;
using Microsoft.Playwright;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Browser;

/// <summary>What the canvas must look like in the browser: every node inside it without scrolling, every edge drawn between its two nodes.</summary>
internal static class CanvasChecks
{
    // Each drawn link's first path, as client coordinates of its start and end (the SVG layer is panned and zoomed).
    private const string LinkEndsScript = """
        () => Array.from(document.querySelectorAll('.studio-canvas .diagram-link')).map(g => {
            const path = g.querySelector('path');
            if (!path || !path.getAttribute('d')) return null;
            const m = path.getScreenCTM();
            const at = l => { const p = path.getPointAtLength(l); const q = new DOMPoint(p.x, p.y).matrixTransform(m); return [q.x, q.y]; };
            return [...at(0), ...at(path.getTotalLength())];
        }).filter(e => e !== null)
        """;

    private const string NodeBoxesScript = """
        () => Object.fromEntries(Array.from(document.querySelectorAll('[data-testid=node]')).map(n => {
            const r = n.getBoundingClientRect();
            return [n.dataset.nodeId, [r.left, r.top, r.right, r.bottom]];
        }))
        """;

    // How far outside its node's rectangle a link may start or end (ports sit on the border, arrows have a size).
    private const double Tolerance = 30;

    /// <summary>Empty when the page does not scroll, the canvas lies in the window and every node lies in the canvas.</summary>
    public static async Task<string> FitProblemAsync(IPage page, int width, int height)
    {
        var scroll = await page.EvaluateAsync<double[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        if (scroll[0] > width || scroll[1] > height)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the page scrolls ({scroll[0]:0}×{scroll[1]:0})");
        }
        var canvas = await page.EvaluateAsync<double[]>("() => { const r = document.querySelector('[data-testid=canvas]').getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }");
        if (canvas[0] < 0 || canvas[1] < 0 || canvas[2] > width || canvas[3] > height)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the canvas [{canvas[0]:0},{canvas[1]:0},{canvas[2]:0},{canvas[3]:0}] is not inside the window");
        }
        var boxes = await page.EvaluateAsync<Dictionary<string, double[]>>(NodeBoxesScript);
        var outside = boxes.Where(b => b.Value[0] < canvas[0] || b.Value[1] < canvas[1] || b.Value[2] > canvas[2] || b.Value[3] > canvas[3])
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Key} [{b.Value[0]:0},{b.Value[1]:0},{b.Value[2]:0},{b.Value[3]:0}]"))
            .ToArray();
        return outside.Length == 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"nodes outside the canvas [{canvas[0]:0},{canvas[1]:0},{canvas[2]:0},{canvas[3]:0}]: {string.Join(", ", outside)}");
    }

    /// <summary>
    /// Waits (generously) until there is one drawn link per dependency of <paramref name="workflow"/>, each starting
    /// at its dependency's node and ending at its dependant's node.
    /// </summary>
    public static async Task AssertEdgesDrawnAsync(IPage page, WorkflowDefinition workflow, string when)
    {
        var graph = WorkflowGraph.Build(workflow);
        var edges = workflow.Nodes.SelectMany(n => graph.DependenciesOf(n.Id).Select(d => (From: d, To: n.Id))).ToArray();
        Assert.NotEmpty(edges);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string problem;
        while (true)
        {
            var links = await page.EvaluateAsync<double[][]>(LinkEndsScript);
            var boxes = await page.EvaluateAsync<Dictionary<string, double[]>>(NodeBoxesScript);
            problem = Problem(edges, links, boxes);
            if (problem.Length == 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(250);
        }
        var screenshot = await StudioBrowserFixture.ScreenshotAsync(page, $"edges-{workflow.Name}-{when.Replace(' ', '-')}");
        Assert.Fail($"{workflow.Name} {when}: {problem} (screenshot: {screenshot})");
    }

    private static string Problem((string From, string To)[] edges, double[][] links, Dictionary<string, double[]> boxes)
    {
        if (links.Length != edges.Length)
        {
            return $"{links.Length} links drawn for {edges.Length} dependencies";
        }
        var unmatched = links.ToList();
        foreach (var (from, to) in edges)
        {
            if (!boxes.TryGetValue(from, out var source) || !boxes.TryGetValue(to, out var target))
            {
                return $"node {from} or {to} is not on the canvas";
            }
            var link = unmatched.FirstOrDefault(l => Inside(l[0], l[1], source) && Inside(l[2], l[3], target));
            if (link is null)
            {
                var drawn = string.Join("; ", links.Select(l => string.Create(CultureInfo.InvariantCulture, $"({l[0]:0},{l[1]:0})→({l[2]:0},{l[3]:0})")));
                return string.Create(CultureInfo.InvariantCulture,
                    $"no link from {from} [{source[0]:0},{source[1]:0},{source[2]:0},{source[3]:0}] to {to} [{target[0]:0},{target[1]:0},{target[2]:0},{target[3]:0}]; drawn: {drawn}");
            }
            unmatched.Remove(link);
        }
        return string.Empty;
    }

    private static bool Inside(double x, double y, double[] box) =>
        x >= box[0] - Tolerance && x <= box[2] + Tolerance && y >= box[1] - Tolerance && y <= box[3] + Tolerance;
}
