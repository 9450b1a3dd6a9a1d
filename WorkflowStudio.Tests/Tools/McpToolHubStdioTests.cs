using System.Text.Json;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Tools;

/// <summary>One McpTestServer over stdio, shared by the tests of <see cref="McpToolHubStdioTests"/>.</summary>
public sealed class StdioHubFixture : IAsyncLifetime
{
    public string SideEffectsFile { get; } = Path.Combine(Path.GetTempPath(), $"mcp-side-effects-{Guid.NewGuid():N}.txt");

    internal McpToolHub Hub { get; private set; } = null!; // set by InitializeAsync; null only when it failed

    public Task InitializeAsync()
    {
        Hub = TestServers.Hub(TestServers.Config($$"""{ "mcpServers": { "test": {{TestServers.StdioEntry(SideEffectsFile)}} } }"""));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }
        File.Delete(SideEffectsFile);
    }
}

public sealed class McpToolHubStdioTests(StdioHubFixture fixture) : IClassFixture<StdioHubFixture>
{
    private readonly McpToolHub _hub = fixture.Hub;

    [Fact]
    public async Task GetToolsAsync_RealServer_ListsToolsWithAnnotationsAndSchemas()
    {
        var tools = (await _hub.GetToolsAsync("test")).ToDictionary(t => t.Name);

        Assert.Contains("add", tools.Keys);
        Assert.Equal(new ToolAnnotations { ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false }, tools["sleep"].Annotations);
        Assert.True(tools["sleep"].Annotations.SafeToRepeat);
        Assert.True(tools["destructive_delete"].Annotations.IsDestructive);
        Assert.False(tools["side_effect"].Annotations.SafeToRepeat);
        Assert.Equal("test/add", tools["add"].FullName);
        Assert.Equal(JsonValueKind.Object, tools["add"].InputSchema.ValueKind);
        Assert.True(tools["add"].InputSchema.GetProperty("properties").TryGetProperty("a", out _));
        Assert.NotNull(tools["add"].OutputSchema);
        Assert.Null(tools["sleep"].OutputSchema);
        Assert.False(string.IsNullOrEmpty(tools["sleep"].Description));
    }

    [Fact]
    public async Task InvokeAsync_StructuredContent_IsTheOutput()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("test", "add", """{ "a": 2, "b": 3.5 }"""));

        Assert.False(result.IsError, result.ErrorMessage);
        Assert.Equal(5.5, result.Output.GetProperty("sum").GetDouble());
    }

    [Fact]
    public async Task InvokeAsync_JsonText_IsParsedIntoJson()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("test", "fail_times", """{ "key": "json-text", "times": 0 }"""));

        Assert.False(result.IsError, result.ErrorMessage);
        Assert.Equal(JsonValueKind.Object, result.Output.ValueKind);
        Assert.Equal("json-text", result.Output.GetProperty("key").GetString());
    }

    [Fact]
    public async Task InvokeAsync_PlainText_IsAJsonString()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("test", "sleep", """{ "ms": 1 }"""));

        Assert.False(result.IsError, result.ErrorMessage);
        Assert.Equal("slept 1 ms", result.Output.GetString());
    }

    [Fact]
    public async Task InvokeAsync_ErrorResult_IsFailureWithTheToolsText()
    {
        var key = Guid.NewGuid().ToString("N");
        var args = $$"""{ "key": "{{key}}", "times": 2 }""";

        var first = await _hub.InvokeAsync(TestServers.Call("test", "fail_times", args));
        var second = await _hub.InvokeAsync(TestServers.Call("test", "fail_times", args));
        var third = await _hub.InvokeAsync(TestServers.Call("test", "fail_times", args));

        Assert.True(first.IsError);
        Assert.Equal($"failure 1 of 2 for key {key}", first.ErrorMessage);
        Assert.True(second.IsError);
        Assert.False(third.IsError, third.ErrorMessage);
        Assert.Equal(3, third.Output.GetProperty("call").GetInt32());
    }

    [Fact]
    public async Task InvokeAsync_UnknownTool_IsFailureWithTheServersMessage()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("test", "no_such_tool"));

        Assert.True(result.IsError);
        Assert.Contains("no_such_tool", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("test/no_such_tool", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_BadArguments_IsFailure()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("test", "add", """{ "a": "not a number", "b": 1 }"""));

        Assert.True(result.IsError);
        Assert.Contains("add", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    public async Task InvokeAsync_ArgumentsNotAnObject_IsFailureWithoutCallingTheServer(string arguments)
    {
        var result = await _hub.InvokeAsync(TestServers.Call("test", "add", arguments));

        Assert.True(result.IsError);
        Assert.Contains("must be a JSON object", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_IdempotencyKey_ArrivesInRequestMeta()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("test", "echo_meta", idempotencyKey: "run-7:extract"));

        Assert.False(result.IsError, result.ErrorMessage);
        Assert.Equal("run-7:extract", result.Output.GetProperty(ToolCallRequest.IdempotencyMetaKey).GetString());
    }

    [Fact]
    public async Task InvokeAsync_SideEffectTool_RecordsTheIdempotencyKeyOncePerCall()
    {
        var key = $"run-{Guid.NewGuid():N}:write";

        var first = await _hub.InvokeAsync(TestServers.Call("test", "side_effect", """{ "value": "hello" }""", key));
        var second = await _hub.InvokeAsync(TestServers.Call("test", "side_effect", """{ "value": "again" }""", key));

        Assert.False(first.IsError, first.ErrorMessage);
        Assert.Equal(first.Output.GetInt32() + 1, second.Output.GetInt32());
        var lines = (await File.ReadAllLinesAsync(fixture.SideEffectsFile)).Where(l => l.StartsWith(key, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"{key}\thello", $"{key}\tagain"], lines);
    }

    [Fact]
    public async Task InvokeAsync_GarbageResult_IsFailureSayingSo()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("test", "garbage"));

        Assert.True(result.IsError);
        Assert.Contains("garbage result", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("outputSchema", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_DestructiveTool_RunsAndAnswers()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("test", "destructive_delete", """{ "target": "tmp/report.csv" }"""));

        Assert.False(result.IsError, result.ErrorMessage);
        Assert.Equal("tmp/report.csv", result.Output.GetProperty("deleted").GetString());
    }

    [Fact]
    public async Task InvokeAsync_CancelledWhileHanging_ThrowsAndTellsTheServer()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var before = (await _hub.InvokeAsync(TestServers.Call("test", "stats"))).Output.GetProperty("hangCancelled").GetInt32();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _hub.InvokeAsync(TestServers.Call("test", "hang"), cancellation.Token));

        // notifications/cancelled reaches the server, which stops the tool; the connection stays usable.
        var after = await TestServers.PollAsync(
            async () => (await _hub.InvokeAsync(TestServers.Call("test", "stats"))).Output.GetProperty("hangCancelled").GetInt32(),
            count => count > before);
        Assert.Equal(before + 1, after);
        Assert.Equal(McpServerState.Running, _hub.GetServerStatus("test").State);
    }

    [Fact]
    public async Task GetServerStatus_AfterCalls_IsRunningAndCountsCalls()
    {
        await _hub.InvokeAsync(TestServers.Call("test", "sleep", """{ "ms": 0 }"""));

        var status = _hub.GetServerStatus("test");

        Assert.Equal(McpServerState.Running, status.State);
        Assert.Equal(McpServerTransport.Stdio, status.Transport);
        Assert.True(status.Calls >= 1);
        Assert.True(status.ToolCount >= 10);
        Assert.Null(status.LastError);
        Assert.StartsWith("dotnet ", status.Target, StringComparison.Ordinal);
    }

    [Fact]
    public void GetServerStatus_UnknownServer_ThrowsKeyNotFound()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => _hub.GetServerStatus("nope"));
        Assert.Contains("known: test", error.Message, StringComparison.Ordinal);
    }
}
