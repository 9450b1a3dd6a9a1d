using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace WorkflowStudio.Tests.Tools.Http;

/// <summary>Tests that change the process-wide system proxy run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SystemProxyCollection
{
    public const string Name = "System proxy (process-wide)";
}

/// <summary>
/// The guarded HTTP client never uses the system proxy (<c>HTTP_PROXY</c>/<c>HTTPS_PROXY</c>, <see cref="HttpClient.DefaultProxy"/>):
/// through a proxy the address check would see the proxy's address, not the target's.
/// </summary>
[Collection(SystemProxyCollection.Name)]
public sealed class HttpProxyBypassTests
{
    [Fact]
    public async Task HttpGet_WithASystemProxy_NeverSendsThroughIt()
    {
        await using var proxy = await FakeHttpServer.StartAsync(app => app.MapFallback(() => Results.Text("answered by the proxy")));
        var saved = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new WebProxy(proxy.Url) { BypassProxyOnLocal = false };
        try
        {
            // The proxy is an allowed host (as a public corporate proxy would pass the address check); the target is
            // allowed only by a wildcard, so it must be dialled directly and its own address checked.
            await using var host = ToolHost.Create([new("Tools:Http:AllowedHosts:0", "*.invalid"), new("Tools:Http:AllowedHosts:1", "127.0.0.1")]);

            var result = await host.CallAsync("http_get", new { url = "http://metadata.invalid/latest/meta-data" });

            Assert.True(result.IsError, $"the request was answered: {result.Output.GetRawText()}");
            Assert.Empty(proxy.Requests);
        }
        finally
        {
            HttpClient.DefaultProxy = saved;
        }
    }
}
