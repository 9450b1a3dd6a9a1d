using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace WorkflowStudio.Tests.Tools.Http;

/// <summary><c>builtin/http_get</c>: reads only, with the same allowlist, SSRF guard and limits as <c>http_request</c>.</summary>
public sealed class HttpGetToolTests : IAsyncLifetime
{
    private FakeHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeHttpServer.StartAsync(app =>
    {
        app.MapMethods("/feed", ["GET", "HEAD"], (HttpContext context) =>
        {
            context.Response.Headers["X-Feed-Version"] = "7";
            return Results.Json(new { items = new[] { new { title = "a" } } });
        });
        app.MapGet("/big", () => Results.Text(new string('x', 5000)));
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ToolHost Host(params KeyValuePair<string, string?>[] extra) => ToolHost.Create([new("Tools:Http:AllowedHosts:0", "127.0.0.1"), .. extra]);

    [Fact]
    public async Task HttpGet_AllowedHost_ReturnsParsedJsonWithCallerHeaders()
    {
        await using var host = Host();

        var output = await host.OkAsync("http_get", new { url = $"{_server.BaseUrl}/feed", headers = new Dictionary<string, string> { ["Accept"] = "application/json" } });

        Assert.Equal(200, output.GetProperty("status").GetInt32());
        Assert.Equal("a", output.GetProperty("json").GetProperty("items")[0].GetProperty("title").GetString());
        var request = Assert.Single(_server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("application/json", request.Headers["Accept"]);
    }

    [Fact]
    public async Task HttpGet_Head_ReturnsHeadersAndNoBody()
    {
        await using var host = Host();

        var output = await host.OkAsync("http_get", new { url = $"{_server.BaseUrl}/feed", method = "HEAD" });

        Assert.Equal("7", output.GetProperty("headers").GetProperty("x-feed-version").GetString());
        Assert.Equal("", output.GetProperty("body").GetString());
        Assert.Equal("HEAD", Assert.Single(_server.Requests).Method);
    }

    [Theory]
    [InlineData("""{ "url": "URL", "method": "POST" }""", "method")]
    [InlineData("""{ "url": "URL", "body": { "n": 1 } }""", "body")]
    public async Task HttpGet_WriteMethodOrBody_IsRefusedBeforeAnyRequest(string arguments, string named)
    {
        await using var host = Host();

        var error = await host.ErrorAsync("http_get", System.Text.Json.JsonDocument.Parse(arguments.Replace("URL", $"{_server.BaseUrl}/feed", StringComparison.Ordinal)).RootElement);

        Assert.StartsWith("builtin/http_get: invalid arguments:", error, StringComparison.Ordinal);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task HttpGet_HostNotAllowed_IsRefusedBeforeAnyConnection()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("http_get", new { url = $"{_server.BaseUrl}/feed" });

        Assert.Contains("Tools:Http:AllowedHosts is empty", error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task HttpGet_LoopbackAllowedOnlyByWildcard_IsRefusedAsPrivate()
    {
        await using var host = ToolHost.Create([new("Tools:Http:AllowedHosts:0", "*.0.0.1")]);

        var error = await host.ErrorAsync("http_get", new { url = $"{_server.BaseUrl}/feed" });

        Assert.Contains("private, loopback or link-local", error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task HttpGet_BodyOverTheLimit_IsTruncatedWithANote()
    {
        await using var host = Host(new KeyValuePair<string, string?>("Tools:Http:MaxResponseBytes", "100"));

        var output = await host.OkAsync("http_get", new { url = $"{_server.BaseUrl}/big" });

        Assert.True(output.GetProperty("truncated").GetBoolean());
        Assert.Equal(100, output.GetProperty("bytes").GetInt32());
    }
}
