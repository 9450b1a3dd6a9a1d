using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WorkflowStudio.Tools.Http;

namespace WorkflowStudio.Tests.Tools.Http;

public sealed class HttpRequestToolTests : IAsyncLifetime
{
    private FakeHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeHttpServer.StartAsync(app =>
    {
        app.MapGet("/feed", () => Results.Json(new { items = new[] { new { title = "a" } } }));
        app.MapPost("/echo", async (HttpRequest request) => Results.Text(await new StreamReader(request.Body).ReadToEndAsync(), "text/plain"));
        app.MapGet("/missing", () => Results.NotFound("no such thing"));
        app.MapGet("/big", () => Results.Text(new string('x', 5000)));
        app.MapGet("/slow", async (CancellationToken token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return Results.Ok();
        });
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ToolHost Host(params KeyValuePair<string, string?>[] extra) => ToolHost.Create([new("Tools:Http:AllowedHosts:0", "127.0.0.1"), .. extra]);

    [Fact]
    public async Task HttpRequest_AllowedLoopbackHost_ReturnsParsedJson()
    {
        await using var host = Host();

        var output = await host.OkAsync("http_request", new { url = $"{_server.BaseUrl}/feed" });

        Assert.Equal(200, output.GetProperty("status").GetInt32());
        Assert.Equal("a", output.GetProperty("json").GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task HttpRequest_PostWithJsonBody_SendsIt()
    {
        await using var host = Host();

        var output = await host.OkAsync("http_request", new { url = $"{_server.BaseUrl}/echo", method = "POST", body = new { n = 1 } });

        Assert.Equal("{\"n\":1}", output.GetProperty("body").GetString());
        Assert.Equal("application/json; charset=utf-8", Assert.Single(_server.Requests, r => r.Method == "POST").Headers["Content-Type"]);
    }

    [Fact]
    public async Task HttpRequest_HostNotAllowed_IsRefusedBeforeAnyConnection()
    {
        await using var host = ToolHost.Create();

        var error = await host.ErrorAsync("http_request", new { url = $"{_server.BaseUrl}/feed" });

        Assert.Contains("Tools:Http:AllowedHosts is empty", error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task HttpRequest_LoopbackAllowedOnlyByWildcard_IsRefusedAsPrivate()
    {
        await using var host = ToolHost.Create([new("Tools:Http:AllowedHosts:0", "*.0.0.1")]);

        var error = await host.ErrorAsync("http_request", new { url = $"{_server.BaseUrl}/feed" });

        Assert.Contains("private, loopback or link-local", error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task HttpRequest_ErrorStatus_FailsUnlessAllowed()
    {
        await using var host = Host();

        var error = await host.ErrorAsync("http_request", new { url = $"{_server.BaseUrl}/missing" });
        var allowed = await host.OkAsync("http_request", new { url = $"{_server.BaseUrl}/missing", allowErrorStatus = true });

        Assert.Contains("answered 404", error, StringComparison.Ordinal);
        Assert.Equal(404, allowed.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task HttpRequest_BodyOverTheLimit_IsTruncatedWithANote()
    {
        await using var host = Host(new KeyValuePair<string, string?>("Tools:Http:MaxResponseBytes", "100"));

        var output = await host.OkAsync("http_request", new { url = $"{_server.BaseUrl}/big" });

        Assert.True(output.GetProperty("truncated").GetBoolean());
        Assert.Contains("[truncated", output.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpRequest_SlowServer_FailsWithTheTimeout()
    {
        await using var host = Host();

        var error = await host.ErrorAsync("http_request", new { url = $"{_server.BaseUrl}/slow", timeoutSeconds = 0.3 });

        Assert.Contains("did not answer within 0.3 s", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:2800:220:1::1", true)]
    public void IsPublic_ClassifiesAddresses(string address, bool expected) =>
        Assert.Equal(expected, HostGuard.IsPublic(IPAddress.Parse(address)));
}
