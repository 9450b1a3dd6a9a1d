using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WorkflowStudio.Tests.Tools.Builtin;

namespace WorkflowStudio.Tests.Scenarios;

public sealed class ContentMarketingScenarioTests
{
    [Fact]
    public async Task ContentMarketing_Offline_UsesTheDemoFeed_PassesSeo_PublishesAndTracks()
    {
        await using var sink = SmtpSink.Start();
        await using var host = await ScenarioHost.StartAsync(sink.Settings);

        var result = await host.RunTemplateAsync("content-marketing");

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
        var newsletter = Assert.Single(sink.Messages);
        Assert.Equal("WorkflowStudio monthly: AI automation", newsletter.Subject);

        var tracking = output.GetProperty("tracking");
        Assert.Equal("campaigns", tracking.GetProperty("namespace").GetString());
        Assert.Equal("october-automation", tracking.GetProperty("key").GetString());
    }

    [Fact]
    public async Task ContentMarketing_FeedOnAnAllowedHost_IsResearchedOverHttp()
    {
        await using var feed = await FakeHttpServer.StartAsync(app => app.MapGet("/trends.json", () => Results.Json(new
        {
            items = new[]
            {
                new { title = "Robots write weekly reports", topic = "reporting", score = 99, summary = "Teams let workflows draft the weekly report." },
                new { title = "Dashboards explain themselves", topic = "analytics", score = 50, summary = "Every chart gets a one line summary." },
            },
        })));
        await using var host = await ScenarioHost.StartAsync([new("Tools:Http:AllowedHosts:0", "127.0.0.1")]);

        var result = await host.RunTemplateAsync("content-marketing", $"feedUrl={feed.BaseUrl}/trends.json", "keyword=reporting", "campaign=reports");

        ScenarioHost.AssertSucceeded(result);
        Assert.False(result.Results.Single(r => r.ActionId == "research").RecoveryAttempted);
        Assert.Equal("/trends.json", Assert.Single(feed.Requests).PathAndQuery);
        var topics = result.Output!.Value.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("topic").GetString());
        Assert.Equal(["reporting", "analytics"], topics);
        Assert.Contains("Robots write weekly reports", await File.ReadAllTextAsync(Path.Combine(host.FilesRoot, "cms", "blog", "reports.md")), StringComparison.Ordinal);
    }
}
