using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Runs;
using WorkflowStudio.Tests.Tools.Http;

namespace WorkflowStudio.Tests.Scenarios;

/// <summary>content-marketing runs unattended: research is a read-only <c>http_get</c> and the one destructive publish step says <c>"approval": "auto"</c>.</summary>
public sealed class ContentMarketingScenarioTests : IClassFixture<ScenarioFixture>
{
    private const string Template = "content-marketing";
    private readonly ScenarioFixture _fixture;

    public ContentMarketingScenarioTests(ScenarioFixture fixture) => _fixture = fixture;

    private ScenarioHost Host => _fixture.Host;

    [Fact]
    public async Task ContentMarketing_Offline_UsesTheDemoFeed_PassesSeo_PublishesAndTracks()
    {
        var result = await Host.RunTemplateAsync(Template);

        ScenarioHost.AssertSucceeded(result);
        Assert.True(result.Results.Single(r => r.ActionId == "research").RecoveryAttempted);
        var output = result.Output!.Value;
        Assert.Equal("AI automation", output.GetProperty("topics")[0].GetProperty("topic").GetString());
        var seo = output.GetProperty("seo");
        Assert.True(seo.GetProperty("passed").GetBoolean(), seo.GetRawText());
        Assert.InRange(seo.GetProperty("keywordDensity").GetDouble(), 0.5, 3);

        var artifacts = output.GetProperty("artifacts");
        var blog = await File.ReadAllTextAsync(artifacts.GetProperty("blog").GetString()!);
        Assert.StartsWith("# AI automation: what the latest trends mean for small teams", blog, StringComparison.Ordinal);
        Assert.All(artifacts.GetProperty("drafts").EnumerateArray(), d => Assert.True(File.Exists(d.GetString())));
        Assert.Equal("outbox", artifacts.GetProperty("social").GetProperty("delivered").GetString());
        Assert.Single(_fixture.Sink.Messages, m => m.Subject == "WorkflowStudio monthly: AI automation");

        var tracking = output.GetProperty("tracking");
        Assert.Equal("campaigns", tracking.GetProperty("namespace").GetString());
        Assert.Equal("october-automation", tracking.GetProperty("key").GetString());
    }

    [Fact]
    public async Task ContentMarketing_FeedOnAnAllowedHost_IsResearchedWithAReadOnlyGet()
    {
        await using var feed = await FakeHttpServer.StartAsync(app => app.MapGet("/trends.json", () => Results.Json(new
        {
            items = new[]
            {
                new { title = "Robots write weekly reports", topic = "reporting", score = 99, summary = "Teams let workflows draft the weekly report." },
                new { title = "Dashboards explain themselves", topic = "analytics", score = 50, summary = "Every chart gets a one line summary." },
            },
        })));

        var result = await Host.RunTemplateAsync(Template, $"feedUrl={feed.BaseUrl}/trends.json", "keyword=reporting", "campaign=reports");

        ScenarioHost.AssertSucceeded(result);
        var research = result.Results.Single(r => r.ActionId == "research");
        Assert.Equal("builtin/http_get", research.Tool);
        Assert.False(research.RecoveryAttempted);
        var request = Assert.Single(feed.Requests);
        Assert.Equal(("GET", "/trends.json"), (request.Method, request.PathAndQuery));
        var topics = result.Output!.Value.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("topic").GetString());
        Assert.Equal(["reporting", "analytics"], topics);
        Assert.Contains("Robots write weekly reports", await File.ReadAllTextAsync(Path.Combine(Host.FilesRoot, "cms", "blog", "reports.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentMarketing_PublishStepWithoutApprovalAuto_WaitsForAPersonBeforeWriting()
    {
        var template = Host.Template(Template);
        var gated = template with { Nodes = [.. template.Nodes.Select(n => n.Id == "publish_blog" ? n with { Approval = null } : n)] };
        var published = Path.Combine(Host.FilesRoot, "cms", "blog", "gated.md");

        var runId = await Host.RunUntilApprovalAsync(gated, "publish_blog", "campaign=gated", "brand=GateCo");

        Assert.Equal(RunStatus.AwaitingApproval, (await Host.Coordinator.GetResultAsync(runId))!.Status);
        Assert.False(File.Exists(published));
        await Host.Coordinator.ApproveAsync(runId, "publish_blog", "editor");
        var result = await Host.WaitAsync(runId);
        ScenarioHost.AssertSucceeded(result);
        Assert.True(File.Exists(published));
        Assert.Single(_fixture.Sink.Messages, m => m.Subject == "GateCo monthly: AI automation");
    }
}
