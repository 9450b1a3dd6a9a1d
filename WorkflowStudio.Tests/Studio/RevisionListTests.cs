using Bunit;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Web.Components.Canvas;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Studio;

public sealed class RevisionListTests
{
    [Fact]
    public async Task Render_Revision_ShowsTheFailedNodeAndEveryAddedRemovedAndChangedNode()
    {
        await using var context = ComponentTestContext.Create();
        var revision = new RunRevision
        {
            Revision = 1, FailedNode = "forecast", Error = "provider down", Planner = "template", Explanation = "substituted weather_backup",
            Diff = new RevisionDiff(["summary"], ["chart"], ["forecast"]),
        };

        var cut = context.Render<RevisionList>(p => p.Add(c => c.Revisions, [revision]));

        var item = cut.Find("[data-testid=revision]");
        Assert.Equal("1", item.GetAttribute("data-revision"));
        Assert.Contains("forecast", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("provider down", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("summary", cut.Find("[data-diff=added]").TextContent, StringComparison.Ordinal);
        Assert.Contains("chart", cut.Find("[data-diff=removed]").TextContent, StringComparison.Ordinal);
        Assert.Contains("forecast", cut.Find("[data-diff=changed]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_NoRevisions_RendersNothing()
    {
        await using var context = ComponentTestContext.Create();

        var cut = context.Render<RevisionList>(p => p.Add(c => c.Revisions, []));

        Assert.Empty(cut.FindAll("[data-testid=revisions]"));
    }
}
