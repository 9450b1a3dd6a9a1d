using System.Text.Json;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Tools;

/// <summary>McpTestServer over Streamable HTTP on 127.0.0.1 (a free port), shared by <see cref="McpToolHubHttpTests"/>.</summary>
public sealed class HttpHubFixture : IAsyncLifetime
{
    private ServerProcess? _server;

    internal McpToolHub Hub { get; private set; } = null!; // set by InitializeAsync; null only when it failed

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartMcpTestServerAsync();
        Hub = TestServers.Hub(TestServers.Config($$"""{ "mcpServers": { "web": { "type": "http", "url": "{{_server.Url}}", "headers": { "X-Test": "yes" } } } }"""));
    }

    public async Task DisposeAsync()
    {
        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

public sealed class McpToolHubHttpTests(HttpHubFixture fixture) : IClassFixture<HttpHubFixture>
{
    private readonly McpToolHub _hub = fixture.Hub;

    [Fact]
    public async Task GetToolsAsync_OverHttp_ListsToolsWithAnnotations()
    {
        var tools = (await _hub.GetToolsAsync("web")).ToDictionary(t => t.Name);

        Assert.True(tools["sleep"].Annotations.SafeToRepeat);
        Assert.True(tools["destructive_delete"].Annotations.IsDestructive);
        Assert.Equal(McpServerTransport.Http, _hub.GetServerStatus("web").Transport);
    }

    [Fact]
    public async Task InvokeAsync_OverHttp_ReturnsStructuredContent()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("web", "add", """{ "a": 40, "b": 2 }"""));

        Assert.False(result.IsError, result.ErrorMessage);
        Assert.Equal(42, result.Output.GetProperty("sum").GetDouble());
    }

    [Fact]
    public async Task InvokeAsync_OverHttp_SendsTheTenantInMeta_DefaultWhenTheCallHasNone()
    {
        var scoped = await _hub.InvokeAsync(TestServers.Call("web", "echo_meta") with { TenantId = "acme" });
        var unscoped = await _hub.InvokeAsync(TestServers.Call("web", "echo_meta"));

        Assert.Equal("acme", scoped.Output.GetProperty(ToolCallRequest.TenantMetaKey).GetString());
        Assert.Equal("default", unscoped.Output.GetProperty(ToolCallRequest.TenantMetaKey).GetString());
    }

    [Fact]
    public async Task InvokeAsync_OverHttp_SendsTheIdempotencyKeyInMeta()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("web", "echo_meta", idempotencyKey: "run-9:http"));

        Assert.Equal("run-9:http", result.Output.GetProperty(ToolCallRequest.IdempotencyMetaKey).GetString());
    }

    [Fact]
    public async Task InvokeAsync_OverHttp_ConcurrentCallsOverlap()
    {
        var started = TimeProvider.System.GetTimestamp();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _hub.InvokeAsync(TestServers.Call("web", "sleep", """{ "ms": 500 }""")).AsTask()));

        Assert.All(results, r => Assert.Equal("slept 500 ms", r.Output.GetString()));
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromMilliseconds(8 * 500), "eight 500 ms calls should overlap");
    }

    [Fact]
    public async Task InvokeAsync_OverHttp_ErrorsAndUnknownToolsAreFailures()
    {
        var unknown = await _hub.InvokeAsync(TestServers.Call("web", "missing_tool"));
        var garbage = await _hub.InvokeAsync(TestServers.Call("web", "garbage"));

        Assert.True(unknown.IsError);
        Assert.Contains("missing_tool", unknown.ErrorMessage, StringComparison.Ordinal);
        Assert.True(garbage.IsError);
        Assert.Contains("garbage result", garbage.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_OverHttp_CancellationStopsTheCall()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _hub.InvokeAsync(TestServers.Call("web", "hang"), cancellation.Token));

        var stats = await TestServers.PollAsync(
            async () => (await _hub.InvokeAsync(TestServers.Call("web", "stats"))).Output,
            output => output.ValueKind == JsonValueKind.Object && output.GetProperty("hangCancelled").GetInt32() >= 1);
        Assert.True(stats.GetProperty("hangCancelled").GetInt32() >= 1);
    }
}
