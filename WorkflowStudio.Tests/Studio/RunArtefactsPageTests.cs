using System.Net;
using Bunit;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Tenancy;
using WorkflowStudio.Tests.Api;
using WorkflowStudio.Web.Components.Canvas;
using WorkflowStudio.Web.Components.Pages;
using static WorkflowStudio.Tests.Api.ApiJson;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The run page's Artefacts section and the studio's node panel: the files a run produced, as working links.</summary>
public sealed class RunArtefactsPageTests
{
    [Fact]
    public async Task RunDetailPage_RunThatWroteAChart_ListsItWithAWorkingDownloadAndPreview()
    {
        await using var host = await ApiHost.StartAsync();
        var client = await host.ClientAsync("acme");
        var workflow = new
        {
            name = "chart",
            nodes = new object[]
            {
                new { id = "chart", tool = "builtin/chart_render", args = new { type = "line", name = "trend", labels = new[] { "a", "b", "c" },
                    series = new[] { new { values = new[] { 3.0, 1.0, 2.0 } } } } },
            },
        };
        using var started = await client.PostAsync(new Uri("/api/orchestrate", UriKind.Relative), Body(new { workflow }));
        var runId = (await ReadAsync(started)).GetProperty("run_id").GetString()!;
        await using var components = ComponentTestContext.ForStudio(host.Services, "alice", "acme", TenantRoles.Viewer);

        var page = components.Render<RunDetailPage>(p => p.Add(x => x.RunId, runId));

        page.WaitForAssertion(() => Assert.Equal(["artifacts/charts/trend.png", "artifacts/charts/trend.svg"],
            page.FindAll("[data-testid=artefact]").Select(r => r.GetAttribute("data-path")).Distinct().Order(StringComparer.Ordinal)), TimeSpan.FromSeconds(30));
        var row = page.FindAll("[data-testid=artefact]").First(r => r.GetAttribute("data-path") == "artifacts/charts/trend.png");
        Assert.Equal("chart", row.GetAttribute("data-node-id"));
        var download = row.QuerySelector("[data-testid=artefact-download]")!.GetAttribute("href")!;
        var preview = row.QuerySelector("[data-testid=artefact-preview]")!.GetAttribute("src")!;
        Assert.Equal($"runs/{runId}/artefacts/artifacts/charts/trend.png", download);
        using var downloaded = await client.GetAsync(new Uri("/" + download, UriKind.Relative));
        using var previewed = await client.GetAsync(new Uri("/" + preview, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, downloaded.StatusCode);
        Assert.Equal("image/png", downloaded.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(host.FilesRootOf("acme"), "artifacts", "charts", "trend.png")), await downloaded.Content.ReadAsByteArrayAsync());
        Assert.Equal("inline", previewed.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task NodeRunDetails_WithArtefacts_ShowsThemAsLinks()
    {
        await using var components = ComponentTestContext.Create();
        RunArtefact[] artefacts = [new("report", "builtin/report_pdf", "artifacts/reports/q 3.pdf", "q 3.pdf", 2048)];

        var panel = components.Render<NodeRunDetails>(p => p
            .Add(x => x.NodeId, "report")
            .Add(x => x.RunId, "run1")
            .Add(x => x.Record, new WorkflowStudio.Engine.Runs.NodeRunRecord { RunId = "run1", NodeId = "report", Tool = "builtin/report_pdf", Status = "success" })
            .Add(x => x.Artefacts, artefacts));

        var open = panel.Find("[data-testid=artefact-open]");
        Assert.Equal("q 3.pdf", open.TextContent);
        Assert.Equal("runs/run1/artefacts/artifacts/reports/q%203.pdf?inline=true", open.GetAttribute("href"));
        Assert.Equal("runs/run1/artefacts/artifacts/reports/q%203.pdf", panel.Find("[data-testid=artefact-download]").GetAttribute("href"));
        Assert.Contains("2 KB", panel.Markup, StringComparison.Ordinal);
    }
}
