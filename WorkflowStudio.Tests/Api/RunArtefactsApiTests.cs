using System.Net;
using System.Text.Json;
using static WorkflowStudio.Tests.Api.ApiJson;

namespace WorkflowStudio.Tests.Api;

/// <summary>
/// <c>GET /api/runs/{runId}/artefacts</c> and <c>GET /runs/{runId}/artefacts/{path}</c> on a real host: a run that draws a chart
/// and writes a PDF lists both with their nodes and serves them; other tenants, paths that are not the run's artefacts
/// (traversal, absolute, links out, files the run never named) and deleted files are all 404.
/// </summary>
public sealed class RunArtefactsApiTests : IAsyncLifetime
{
    private ApiHost _host = default!;
    private HttpClient _client = default!;
    private string _runId = default!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync();
        _client = await _host.ClientAsync("acme");
        var root = _host.FilesRootOf("acme");
        Directory.CreateDirectory(Path.Combine(root, "artifacts"));
        await File.WriteAllTextAsync(Path.Combine(_host.FilesRoot, ".tenants", "outside.txt"), "not acme's");
        await File.WriteAllTextAsync(Path.Combine(root, "notes.txt"), "in acme's root, but no node of the run named it");
        File.CreateSymbolicLink(Path.Combine(root, "artifacts", "link.txt"), Path.Combine(_host.FilesRoot, ".tenants", "outside.txt"));
        var workflow = new
        {
            name = "artefacts",
            nodes = new object[]
            {
                new { id = "chart", tool = "builtin/chart_render", args = new { type = "bar", name = "sales", labels = new[] { "Q1", "Q2" },
                    series = new[] { new { name = "revenue", values = new[] { 1.0, 2.0 } } } } },
                new { id = "report", tool = "builtin/report_pdf", args = new { name = "q3", title = "Q3",
                    sections = new[] { new { heading = "Summary", text = "Revenue is up." } } } },
                new { id = "names", tool = "builtin/echo", args = new { value = new
                {
                    up = "../outside.txt", absolute = "/etc/hostname", link = "artifacts/link.txt", missing = "artifacts/none.pdf",
                } } },
            },
        };
        using var response = await _client.PostAsync(Uri("/api/orchestrate"), Body(new { workflow }));
        var result = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK && result.GetProperty("status").GetString() == "success", result.ToString());
        _runId = result.GetProperty("run_id").GetString()!;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ListArtefacts_RunWithChartAndReport_ListsEachFileWithItsNodeAndNothingElse()
    {
        var artefacts = await ListAsync(_client);

        Assert.Equal(
            ["chart artifacts/charts/sales.png image/png", "chart artifacts/charts/sales.svg image/svg+xml", "report artifacts/reports/q3.pdf application/pdf"],
            artefacts.Select(a => $"{a.GetProperty("nodeId").GetString()} {a.GetProperty("path").GetString()} {a.GetProperty("contentType").GetString()}").Order(StringComparer.Ordinal));
        var pdf = artefacts.Single(a => a.GetProperty("name").GetString() == "q3.pdf");
        Assert.Equal(new FileInfo(Path.Combine(_host.FilesRootOf("acme"), "artifacts", "reports", "q3.pdf")).Length, pdf.GetProperty("bytes").GetInt64());
        Assert.Equal($"/runs/{_runId}/artefacts/artifacts/reports/q3.pdf", pdf.GetProperty("downloadUrl").GetString());
        Assert.Equal($"/runs/{_runId}/artefacts/artifacts/reports/q3.pdf?inline=true", pdf.GetProperty("previewUrl").GetString());
    }

    [Fact]
    public async Task DownloadArtefact_Pdf_AnswersTheFileAsAnAttachmentWithItsContentType()
    {
        using var response = await _client.GetAsync(Uri($"/runs/{_runId}/artefacts/artifacts/reports/q3.pdf"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("q3.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_host.FilesRootOf("acme"), "artifacts", "reports", "q3.pdf")),
            await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("artifacts/reports/q3.pdf", "application/pdf", false)]
    [InlineData("artifacts/charts/sales.png", "image/png", true)]
    public async Task DownloadArtefact_Inline_IsShownInTheBrowser(string path, string contentType, bool sandboxed)
    {
        using var response = await _client.GetAsync(Uri($"/runs/{_runId}/artefacts/{path}?inline=true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(sandboxed, response.Headers.TryGetValues("Content-Security-Policy", out var csp) && csp.Single().Contains("sandbox", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?inline=true")]
    public async Task DownloadArtefact_Svg_RunsNoScript(string query)
    {
        using var response = await _client.GetAsync(Uri($"/runs/{_runId}/artefacts/artifacts/charts/sales.svg{query}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("sandbox", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Artefacts_AnotherTenantsRun_Answer404()
    {
        var other = await _host.ClientAsync("globex");

        using var list = await other.GetAsync(Uri($"/api/runs/{_runId}/artefacts"));
        using var download = await other.GetAsync(Uri($"/runs/{_runId}/artefacts/artifacts/reports/q3.pdf"));

        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.DoesNotContain("%PDF", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..%2Foutside.txt")]
    [InlineData("%2E%2E/%2E%2E/outside.txt")]
    [InlineData("artifacts/..%2F..%2F..%2Foutside.txt")]
    [InlineData("%2Fetc%2Fhostname")]
    [InlineData("artifacts/link.txt")]
    [InlineData("artifacts/none.pdf")]
    [InlineData("notes.txt")]
    [InlineData("")]
    public async Task DownloadArtefact_PathNotOneOfTheRunsArtefacts_Answers404(string path)
    {
        using var response = await _client.GetAsync(Uri($"/runs/{_runId}/artefacts/{path}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("not acme's", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadArtefact_AbsolutePathOfAnArtefact_Answers404()
    {
        var full = Path.Combine(_host.FilesRootOf("acme"), "artifacts", "reports", "q3.pdf");

        using var response = await _client.GetAsync(Uri($"/runs/{_runId}/artefacts/{System.Uri.EscapeDataString(full)}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DownloadArtefact_FileDeleted_Answers404AndIsNoLongerListed()
    {
        File.Delete(Path.Combine(_host.FilesRootOf("acme"), "artifacts", "reports", "q3.pdf"));

        using var response = await _client.GetAsync(Uri($"/runs/{_runId}/artefacts/artifacts/reports/q3.pdf"));
        var artefacts = await ListAsync(_client);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(artefacts, a => a.GetProperty("path").GetString() == "artifacts/reports/q3.pdf");
        Assert.Contains(artefacts, a => a.GetProperty("path").GetString() == "artifacts/charts/sales.png");
    }

    private async Task<JsonElement[]> ListAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Uri($"/api/runs/{_runId}/artefacts"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadAsync(response)).EnumerateArray().ToArray();
    }

    private static Uri Uri(string path) => new(path, UriKind.Relative);
}
