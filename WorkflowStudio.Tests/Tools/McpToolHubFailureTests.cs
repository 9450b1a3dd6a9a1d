using System.Net;
using System.Net.Sockets;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Tools;

/// <summary>Crashes, failed starts, timeouts and lost connections; each test owns its hub and server processes.</summary>
public sealed class McpToolHubFailureTests
{
    [Fact]
    public async Task InvokeAsync_ConcurrentFirstCalls_StartOneProcessAndShareIt()
    {
        await using var hub = StdioHub();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => hub.InvokeAsync(TestServers.Call("test", "stats")).AsTask()));

        Assert.All(results, r => Assert.False(r.IsError, r.ErrorMessage));
        Assert.Single(results.Select(r => r.Output.GetProperty("pid").GetInt32()).Distinct());
        Assert.Equal(12, hub.GetServerStatus("test").Calls);
    }

    [Fact]
    public async Task InvokeAsync_ServerCrashesMidCall_ThrowsTransportExceptionThenNextCallRestartsIt()
    {
        await using var hub = StdioHub();
        var firstPid = (await hub.InvokeAsync(TestServers.Call("test", "stats"))).Output.GetProperty("pid").GetInt32();
        var hanging = hub.InvokeAsync(TestServers.Call("test", "hang")).AsTask();

        var crash = await Assert.ThrowsAsync<ToolTransportException>(async () => await hub.InvokeAsync(TestServers.Call("test", "crash")));
        var inFlight = await Assert.ThrowsAsync<ToolTransportException>(() => hanging.WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains("test/crash", crash.Message, StringComparison.Ordinal);
        Assert.Contains("outcome is unknown", crash.Message, StringComparison.Ordinal);
        Assert.Contains("test/hang", inFlight.Message, StringComparison.Ordinal);
        Assert.Equal(McpServerState.Failed, hub.GetServerStatus("test").State);

        var after = await hub.InvokeAsync(TestServers.Call("test", "stats"));
        Assert.False(after.IsError, after.ErrorMessage);
        Assert.NotEqual(firstPid, after.Output.GetProperty("pid").GetInt32());
        var status = hub.GetServerStatus("test");
        Assert.Equal(McpServerState.Running, status.State);
        Assert.True(status.Failures >= 2);
    }

    [Fact]
    public async Task InvokeAsync_ServerFailsToStart_ThrowsServerExceptionWithCommandAndStderrTail()
    {
        await using var hub = TestServers.Hub(TestServers.Config("""
            { "mcpServers": { "broken": { "command": "sh", "args": ["-c", "echo starting >&2; echo boom: missing API key >&2; exit 3"] } } }
            """));

        var error = await Assert.ThrowsAsync<ToolServerException>(async () => await hub.InvokeAsync(TestServers.Call("broken", "anything")));

        Assert.Equal("broken", error.Server);
        Assert.Contains("MCP server 'broken' failed to start", error.Message, StringComparison.Ordinal);
        Assert.Contains("sh -c \"echo starting >&2; echo boom: missing API key >&2; exit 3\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("boom: missing API key", error.Message, StringComparison.Ordinal);
        var status = hub.GetServerStatus("broken");
        Assert.Equal(McpServerState.Failed, status.State);
        Assert.Contains("boom", status.LastError, StringComparison.Ordinal);
        Assert.Equal(1, status.Failures);
        await Assert.ThrowsAsync<ToolServerException>(async () => await hub.GetToolsAsync("broken"));
    }

    [Fact]
    public async Task GetToolsAsync_CommandNotFound_ThrowsServerExceptionNamingIt()
    {
        await using var hub = TestServers.Hub(TestServers.Config("""{ "mcpServers": { "ghost": { "command": "/nonexistent/mcp-server", "args": ["--stdio"] } } }"""));

        var error = await Assert.ThrowsAsync<ToolServerException>(async () => await hub.GetToolsAsync("ghost"));

        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/mcp-server --stdio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetToolsAsync_ServerNeverAnswersTheHandshake_TimesOut()
    {
        await using var hub = TestServers.Hub(
            TestServers.Config("""{ "mcpServers": { "mute": { "command": "sleep", "args": ["30"] } } }"""),
            o =>
            {
                o.StartupTimeout = TimeSpan.FromSeconds(1);
                o.ShutdownTimeout = TimeSpan.FromMilliseconds(200);
            });

        var error = await Assert.ThrowsAsync<ToolServerException>(async () => await hub.GetToolsAsync("mute").AsTask().WaitAsync(TimeSpan.FromSeconds(15)));

        Assert.Contains("no MCP handshake within 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetToolsAsync_HttpConnectionRefused_ThrowsServerExceptionWithTheUrl()
    {
        var port = UnusedPort();
        await using var hub = TestServers.Hub(TestServers.Config($$"""{ "mcpServers": { "remote": { "url": "http://127.0.0.1:{{port}}/mcp?token=secret" } } }"""));

        var error = await Assert.ThrowsAsync<ToolServerException>(async () => await hub.GetToolsAsync("remote").AsTask().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains($"http://127.0.0.1:{port}/mcp", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_NoAnswerWithinCallTimeout_ThrowsTransportException()
    {
        await using var hub = StdioHub(o => o.CallTimeout = TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<ToolTransportException>(async () => await hub.InvokeAsync(TestServers.Call("test", "hang")));

        Assert.Contains("did not answer within", error.Message, StringComparison.Ordinal);
        Assert.False((await hub.InvokeAsync(TestServers.Call("test", "sleep", """{ "ms": 0 }"""))).IsError);
    }

    [Fact]
    public async Task InvokeAsync_HttpServerGoesAway_ThrowsTransportExceptionThenServerException()
    {
        var server = await ServerProcess.StartMcpTestServerAsync();
        await using var hub = TestServers.Hub(TestServers.Config($$"""{ "mcpServers": { "web": { "url": "{{server.Url}}" } } }"""));
        Assert.False((await hub.InvokeAsync(TestServers.Call("web", "sleep", """{ "ms": 0 }"""))).IsError);

        await server.DisposeAsync();

        await Assert.ThrowsAsync<ToolTransportException>(async () => await hub.InvokeAsync(TestServers.Call("web", "sleep", """{ "ms": 0 }""")));
        await Assert.ThrowsAsync<ToolServerException>(async () => await hub.InvokeAsync(TestServers.Call("web", "sleep", """{ "ms": 0 }""")));
        Assert.Equal(McpServerState.Failed, hub.GetServerStatus("web").State);
    }

    [Fact]
    public async Task DisposeAsync_StopsTheServerProcess()
    {
        var hub = StdioHub();
        var pid = (await hub.InvokeAsync(TestServers.Call("test", "stats"))).Output.GetProperty("pid").GetInt32();

        await hub.DisposeAsync();

        using var process = TryGetProcess(pid);
        Assert.True(process is null || process.WaitForExit(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await hub.InvokeAsync(TestServers.Call("test", "stats")));
    }

    private static McpToolHub StdioHub(Action<McpToolHubOptions>? configure = null) =>
        TestServers.Hub(TestServers.Config($$"""{ "mcpServers": { "test": {{TestServers.StdioEntry()}} } }"""), configure);

    private static System.Diagnostics.Process? TryGetProcess(int pid)
    {
        try
        {
            return System.Diagnostics.Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null; // already gone
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
