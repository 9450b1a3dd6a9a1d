using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Tests.Tools;

namespace WorkflowStudio.Tests.Studio;

/// <summary>The /tools page's Restart: McpToolHub.RestartAsync on a real stdio MCP server (McpTestServer).</summary>
public sealed class McpToolHubRestartTests
{
    [Fact]
    public async Task RestartAsync_RunningStdioServer_ANewProcessServesTheNextCall()
    {
        await using var hub = TestServers.Hub(TestServers.Config($$"""{ "mcpServers": { "test": {{TestServers.StdioEntry()}} } }"""));
        var before = await hub.InvokeAsync(TestServers.Call("test", "stats"));

        var status = await hub.RestartAsync("test");
        var after = await hub.InvokeAsync(TestServers.Call("test", "stats"));

        Assert.Equal(McpServerState.Running, status.State);
        Assert.True(status.ToolCount > 0);
        Assert.Equal(0, status.Calls); // a fresh connection counts from zero
        Assert.NotEqual(Pid(before), Pid(after));
        Assert.Equal(1, hub.GetServerStatus("test").Calls);
    }

    [Fact]
    public async Task RestartAsync_ServerThatCannotStart_ReportsFailedWithTheReason()
    {
        await using var hub = TestServers.Hub(TestServers.Config("""{ "mcpServers": { "broken": { "command": "/nonexistent/mcp-server" } } }"""),
            o => o.StartupTimeout = TimeSpan.FromSeconds(10));

        var status = await hub.RestartAsync("broken");

        Assert.Equal(McpServerState.Failed, status.State);
        Assert.False(string.IsNullOrEmpty(status.LastError));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await hub.RestartAsync("nope"));
    }

    private static int Pid(ToolCallResult result)
    {
        Assert.False(result.IsError, result.ErrorMessage);
        return result.Output.GetProperty("pid").GetInt32();
    }
}
