using System.Text.Json;
using Blazor.Diagrams;
using Blazor.Diagrams.Core.Geometry;
using Bunit;
using WorkflowStudio.Engine.Persistence;
using WorkflowStudio.Web.Components.Canvas;
using WorkflowStudio.Web.Studio;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Studio;

public sealed class CanvasComponentTests : IAsyncLifetime
{
    private readonly BunitContext _context = ComponentTestContext.Create();

    [Theory]
    [InlineData("idle")]
    [InlineData("pending")]
    [InlineData("running")]
    [InlineData("success")]
    [InlineData("skipped")]
    [InlineData("awaiting_approval")]
    public void StepNodeWidget_RendersTheRunStatusAsHooksAndClass(string status)
    {
        var widget = RenderNode(new NodeRunView { Status = status, Attempts = 1, ElapsedMs = 42 });

        var node = widget.Find("[data-testid=node]");
        Assert.Equal("fetch", node.GetAttribute("data-node-id"));
        Assert.Equal(status, node.GetAttribute("data-status"));
        Assert.Contains($"status-{status}", node.ClassName, StringComparison.Ordinal);
        Assert.Empty(widget.FindAll("[data-testid=node-error]"));
    }

    [Theory]
    [InlineData("awaiting_approval", "Awaiting approval")]
    [InlineData("success", "Succeeded")]
    [InlineData("idle", "Not run")]
    public void StepNodeWidget_Status_IsShownInWordsWithTheRawStateInDataStatus(string status, string shown)
    {
        var widget = RenderNode(new NodeRunView { Status = status });

        Assert.Equal(shown, widget.Find("[data-testid=node-status]").TextContent);
        Assert.Equal(status, widget.Find("[data-testid=node]").GetAttribute("data-status"));
    }

    [Theory]
    [InlineData("partial_success", "Partly succeeded")]
    [InlineData("awaiting_approval", "Awaiting approval")]
    [InlineData("awaiting_input", "Awaiting input")]
    [InlineData("cancelled", "Cancelled")]
    public void RunStatusChip_Status_IsShownInWords(string status, string shown)
    {
        var chip = _context.Render<RunStatusChip>(p => p.Add(c => c.Status, status));

        Assert.Equal(shown, chip.Find("[data-testid=status-chip]").TextContent.Trim());
        Assert.Equal(status, chip.Find("[data-testid=status-chip]").GetAttribute("data-status"));
    }

    [Fact]
    public void StepNodeWidget_AwaitingApproval_SaysSoWithTheReason()
    {
        var widget = RenderNode(new NodeRunView { Status = "awaiting_approval", ApprovalReason = "docs/search is annotated destructive" });

        var note = widget.Find("[data-testid=node-approval]");
        Assert.Equal("waiting for approval", note.TextContent);
        Assert.Equal("docs/search is annotated destructive", note.GetAttribute("title"));
    }

    [Fact]
    public void StepNodeWidget_CachedResult_ShowsTheCachedMarker()
    {
        var widget = RenderNode(new NodeRunView { Status = "success", Cached = true });

        Assert.Equal("cached", widget.Find("[data-testid=node-cached]").TextContent);
        Assert.Empty(RenderNode(new NodeRunView { Status = "success", Attempts = 1 }).FindAll("[data-testid=node-cached]"));
    }

    [Fact]
    public void StepNodeWidget_Error_ShowsTheErrorAndProblems()
    {
        var widget = RenderNode(new NodeRunView { Status = "error", Attempts = 3, Error = "server said no" }, ["$.nodes[0].tool: unknown"], critical: true);

        Assert.Equal("server said no", widget.Find("[data-testid=node-error]").TextContent);
        Assert.Equal("1 problem", widget.Find("[data-testid=node-problems]").TextContent);
        Assert.Contains("3 attempts", widget.Markup, StringComparison.Ordinal);
        var classes = widget.Find("[data-testid=node]").ClassList;
        Assert.Contains("critical", classes);
        Assert.Contains("invalid", classes);
    }

    [Fact]
    public void StepNodeModel_Ports_AreSetFromTheModelAndFollowTheNode()
    {
        var model = new StepNodeModel("fetch", "docs/search", new Point(100, 50));

        // Initialized ports are never measured in the browser, so links between them are drawn from the start.
        Assert.All(model.Ports, port => Assert.True(port.Initialized));
        Assert.Equal(new Point(100 - StepNodeModel.PortOverhang, 50 + (LayoutOptions.DefaultNodeHeight - StepNodeModel.PortSize) / 2), model.Input.Position);
        Assert.Equal(100 + LayoutOptions.DefaultNodeWidth + StepNodeModel.PortOverhang - StepNodeModel.PortSize, model.Output.Position.X);
        Assert.Equal(new Size(StepNodeModel.PortSize, StepNodeModel.PortSize), model.Output.Size);

        model.SetPosition(300, 80);

        Assert.Equal(300 - StepNodeModel.PortOverhang, model.Input.Position.X);
        Assert.Equal(80 + (LayoutOptions.DefaultNodeHeight - StepNodeModel.PortSize) / 2, model.Output.Position.Y);
    }

    [Fact]
    public void GanttChart_PlacesBarsOnTheTimeAxis_AndMarksTheCriticalPath()
    {
        NodeRunRecord Node(string id, int ordinal) => new() { RunId = "r", NodeId = id, Ordinal = ordinal, Tool = "t/x", Status = "success" };
        NodeAttemptRecord Attempt(string id, int attempt, long start, long end, string outcome) =>
            new() { RunId = "r", NodeId = id, Attempt = attempt, Tool = "t/x", StartedAt = start, FinishedAt = end, Outcome = outcome };
        var model = GanttModel.Build(
            [Node("a", 0), Node("b", 1)],
            [Attempt("a", 1, 1000, 1100, "timeout"), Attempt("a", 2, 1100, 1500, "success"), Attempt("b", 1, 1500, 2000, "success")],
            ["a", "b"], runStartMs: 1000, nowMs: 5000);

        var chart = _context.Render<GanttChart>(p => p.Add(c => c.Model, model));

        var bars = chart.FindAll("[data-testid=gantt-bar]");
        Assert.Equal(3, bars.Count);
        Assert.Equal("left:0%;width:10%", bars[0].GetAttribute("style"));
        Assert.Equal("timeout", bars[0].GetAttribute("data-outcome"));
        Assert.Equal("left:50%;width:50%", bars[2].GetAttribute("style"));
        Assert.All(bars, b => Assert.Equal("true", b.GetAttribute("data-critical")));
        Assert.Equal(["a", "b"], chart.FindAll("[data-testid=gantt-row]").Select(r => r.GetAttribute("data-node-id")));
    }

    [Fact]
    public void JsonView_ArrayOfRows_IsATable_OtherValuesArePrettyJson()
    {
        var rows = JsonSerializer.SerializeToElement(new[] { new { region = "EU", total = 3 }, new { region = "US", total = 5 } });
        var table = _context.Render<JsonView>(p => p.Add(c => c.Value, rows));
        var pretty = _context.Render<JsonView>(p => p.Add(c => c.Value, JsonSerializer.SerializeToElement(new { a = 1 })));

        Assert.Equal(["region", "total"], table.FindAll("th").Select(th => th.TextContent));
        Assert.Equal(2, table.FindAll("tbody tr").Count);
        Assert.Contains("\"a\": 1", pretty.Find("[data-testid=json]").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<StepNodeWidget> RenderNode(NodeRunView run, IReadOnlyList<string>? problems = null, bool critical = false)
    {
        var diagram = new BlazorDiagram();
        var model = new StepNodeModel("fetch", "docs/search", new Point(0, 0)) { Run = run, Problems = problems ?? [], Critical = critical };
        diagram.Nodes.Add(model);
        return _context.Render<StepNodeWidget>(p => p.Add(c => c.Node, model).AddCascadingValue(diagram));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
