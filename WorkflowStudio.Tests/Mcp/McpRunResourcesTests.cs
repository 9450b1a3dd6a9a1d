using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using WorkflowStudio.Tests.Api;

namespace WorkflowStudio.Tests.Mcp;

/// <summary>Runs and their files as MCP resources on <c>/mcp</c>, and the resource links in run tool results.</summary>
public sealed class McpRunResourcesTests : IAsyncLifetime
{
    private const string Summary = "# Summary\nRevenue is up.\n";

    private ApiHost _host = default!;
    private McpClient _acme = default!;
    private CallToolResult _run = default!;
    private string _runId = default!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync();
        _acme = await McpTestClient.ConnectAsync(_host, "acme");
        (_run, _runId) = await RunWithFilesAsync(_acme);
    }

    public async Task DisposeAsync()
    {
        await _acme.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public void RunWorkflow_ThatWritesFiles_LinksTheRunAndEachFile()
    {
        var links = _run.Content.OfType<ResourceLinkBlock>().ToDictionary(l => l.Uri);

        Assert.Equal(
            [
                $"workflowstudio://runs/{_runId}",
                $"workflowstudio://runs/{_runId}/artefacts/artifacts/charts/sales.png",
                $"workflowstudio://runs/{_runId}/artefacts/artifacts/charts/sales.svg",
                $"workflowstudio://runs/{_runId}/artefacts/notes/summary.md",
            ],
            links.Keys.Order(StringComparer.Ordinal));
        var png = links[$"workflowstudio://runs/{_runId}/artefacts/artifacts/charts/sales.png"];
        Assert.Equal("image/png", png.MimeType);
        Assert.Equal(new FileInfo(Path.Combine(_host.FilesRootOf("acme"), "artifacts", "charts", "sales.png")).Length, png.Size);
        Assert.Equal("success", _run.StructuredContent!.Value.GetProperty("status").GetString()); // the structured answer is unchanged
    }

    [Fact]
    public async Task ReadResource_TheRun_IsItsResultWithItsFiles()
    {
        var read = await _acme.ReadResourceAsync($"workflowstudio://runs/{_runId}");

        var contents = Assert.IsType<TextResourceContents>(Assert.Single(read.Contents));
        Assert.Equal("application/json", contents.MimeType);
        using var document = JsonDocument.Parse(contents.Text);
        Assert.Equal(_runId, document.RootElement.GetProperty("run_id").GetString());
        Assert.Equal("success", document.RootElement.GetProperty("status").GetString());
        Assert.Contains(document.RootElement.GetProperty("artefacts").EnumerateArray(),
            a => a.GetProperty("path").GetString() == "notes/summary.md" && a.GetProperty("node").GetString() == "notes");
    }

    [Fact]
    public async Task ReadResource_TextAndBinaryFiles_TextAsTextBinaryAsBase64()
    {
        var text = await _acme.ReadResourceAsync($"workflowstudio://runs/{_runId}/artefacts/notes/summary.md");
        var binary = await _acme.ReadResourceAsync($"workflowstudio://runs/{_runId}/artefacts/artifacts/charts/sales.png");

        var markdown = Assert.IsType<TextResourceContents>(Assert.Single(text.Contents));
        Assert.Equal(("text/markdown", Summary), (markdown.MimeType, markdown.Text));
        var png = Assert.IsType<BlobResourceContents>(Assert.Single(binary.Contents));
        Assert.Equal("image/png", png.MimeType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_host.FilesRootOf("acme"), "artifacts", "charts", "sales.png")), png.DecodedData.ToArray());
    }

    [Theory]
    [InlineData("globex", "workflowstudio://runs/RUN")] // another tenant's run is not found, like a missing one
    [InlineData("globex", "workflowstudio://runs/RUN/artefacts/notes/summary.md")]
    [InlineData("acme", "workflowstudio://runs/RUN/artefacts/notes/other.md")] // not a file of the run
    [InlineData("acme", "workflowstudio://runs/RUN/artefacts/../../.tenants/globex/x.txt")]
    [InlineData("acme", "workflowstudio://runs/no-such-run")]
    [InlineData("acme", "https://example.com/x")]
    public async Task ReadResource_NotTheCallersOrMissing_IsInvalidParamsWithTheUri(string tenant, string uri)
    {
        uri = uri.Replace("RUN", _runId, StringComparison.Ordinal);
        await using var client = await McpTestClient.ConnectAsync(_host, tenant);

        var error = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.ReadResourceAsync(uri));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Equal(uri, error.Data["uri"]);
    }

    [Fact]
    public async Task ReadResource_FileOverTheSizeCap_IsAnErrorNamingTheLimitAndTheDownload()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Mcp:MaxResourceBytes"] = "64" });
        await using var client = await McpTestClient.ConnectAsync(host, "acme");
        var (_, runId) = await RunWithFilesAsync(client);
        var uri = $"workflowstudio://runs/{runId}/artefacts/artifacts/charts/sales.png";

        var error = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.ReadResourceAsync(uri));

        Assert.Contains("more than resources/read answers (64 bytes, Mcp:MaxResourceBytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"/runs/{runId}/artefacts/artifacts/charts/sales.png", error.Message, StringComparison.Ordinal);
        Assert.Equal(uri, error.Data["uri"]);
        Assert.IsType<TextResourceContents>(Assert.Single((await client.ReadResourceAsync($"workflowstudio://runs/{runId}/artefacts/notes/summary.md")).Contents));
    }

    [Fact]
    public async Task ListResources_ManyRuns_PagesThroughTheTenantsRunsOnly()
    {
        using var http = await _host.ClientAsync("acme");
        var started = new List<string> { _runId };
        for (var i = 0; i < 50; i++)
        {
            using var response = await http.PostAsync(new Uri("/api/orchestrate", UriKind.Relative), ApiJson.Body(new { workflow = ApiJson.Echo($"run{i}") }));
            started.Add((await ApiJson.ReadAsync(response)).GetProperty("run_id").GetString()!);
        }
        await using var globex = await McpTestClient.ConnectAsync(_host, "globex");
        await globex.CallToolAsync("run_workflow", new Dictionary<string, object?> { ["template"] = "parallel-research" });

        var first = await _acme.ListResourcesAsync(new ListResourcesRequestParams());
        var second = await _acme.ListResourcesAsync(new ListResourcesRequestParams { Cursor = first.NextCursor });

        Assert.Equal(50, first.Resources.Count);
        Assert.NotNull(first.NextCursor);
        Assert.Null(second.NextCursor);
        var listed = first.Resources.Concat(second.Resources).Select(r => r.Uri).ToList();
        // Every run of the tenant once, none of another tenant's (the order is the runs list's: newest first).
        Assert.Equal(started.Select(id => $"workflowstudio://runs/{id}").Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.All(first.Resources, r => Assert.Equal("application/json", r.MimeType));
    }

    [Fact]
    public async Task ListResources_ACursorNotGivenOut_IsInvalidParams()
    {
        var error = await Assert.ThrowsAsync<McpProtocolException>(async () =>
            await _acme.ListResourcesAsync(new ListResourcesRequestParams { Cursor = "not-a-cursor" }));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
    }

    [Fact]
    public async Task ListResourceTemplates_ShowsTheRunFileAndWorkflowTemplates()
    {
        var templates = await _acme.ListResourceTemplatesAsync();

        Assert.Equal(
            ["workflowstudio://runs/{runId}", "workflowstudio://runs/{runId}/artefacts/{+path}", "workflowstudio://workflows/{workflowId}"],
            templates.Select(t => t.UriTemplate).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadResource_ASavedWorkflow_IsItsDefinition_OnlyForItsTenant()
    {
        using var http = await _host.ClientAsync("acme");
        using var saved = await http.PostAsync(new Uri("/api/workflows", UriKind.Relative), ApiJson.Body(ApiJson.Echo("weekly report")));
        var uri = $"workflowstudio://workflows/{(await ApiJson.ReadAsync(saved.EnsureSuccessStatusCode())).GetProperty("id").GetString()}";
        await using var globex = await McpTestClient.ConnectAsync(_host, "globex");

        var read = await _acme.ReadResourceAsync(uri);
        var foreign = await Assert.ThrowsAsync<McpProtocolException>(async () => await globex.ReadResourceAsync(uri));

        using var document = JsonDocument.Parse(Assert.IsType<TextResourceContents>(Assert.Single(read.Contents)).Text);
        Assert.Equal("weekly report", document.RootElement.GetProperty("name").GetString());
        Assert.Equal(McpErrorCode.InvalidParams, foreign.ErrorCode);
        Assert.Equal(uri, foreign.Data["uri"]);
    }

    /// <summary>A run that draws a chart (PNG and SVG) and writes a Markdown note.</summary>
    private static async Task<(CallToolResult Result, string RunId)> RunWithFilesAsync(McpClient client)
    {
        var workflow = JsonSerializer.SerializeToElement(new
        {
            name = "mcp-files",
            nodes = new object[]
            {
                new { id = "chart", tool = "builtin/chart_render", args = new { type = "bar", name = "sales", labels = new[] { "Q1", "Q2" },
                    series = new[] { new { name = "revenue", values = new[] { 1.0, 2.0 } } } } },
                new { id = "notes", tool = "builtin/template_render", args = new { template = Summary, outputPath = "notes/summary.md" } },
            },
        });
        var result = await client.CallToolAsync("run_workflow", new Dictionary<string, object?> { ["workflow"] = workflow });
        Assert.True(result.IsError != true, string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        return (result, result.StructuredContent!.Value.GetProperty("run_id").GetString()!);
    }
}
