using System.Text.Json;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Tools;

/// <summary>
/// <c>@modelcontextprotocol/server-everything</c> (the MCP reference server, npm) over stdio and Streamable HTTP.
/// scripts/test installs it into .tools/npm; when it is missing these tests fail and say so.
/// </summary>
public sealed class EverythingHubFixture : IAsyncLifetime
{
    private ServerProcess? _http;

    internal McpToolHub Hub { get; private set; } = null!; // set by InitializeAsync; null only when it failed

    public async Task InitializeAsync()
    {
        var bin = JsonSerializer.Serialize(TestServers.EverythingBin);
        _http = await ServerProcess.StartEverythingAsync();
        Hub = TestServers.Hub(TestServers.Config($$"""
            { "mcpServers": {
                "everything": { "command": {{bin}}, "args": ["stdio"] },
                "everything-http": { "type": "streamable-http", "url": "{{_http.Url}}" } } }
            """));
    }

    public async Task DisposeAsync()
    {
        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }
        if (_http is not null)
        {
            await _http.DisposeAsync();
        }
    }
}

public sealed class McpToolHubEverythingTests(EverythingHubFixture fixture) : IClassFixture<EverythingHubFixture>
{
    private readonly McpToolHub _hub = fixture.Hub;

    [Theory]
    [InlineData("everything")]
    [InlineData("everything-http")]
    public async Task GetToolsAsync_ReferenceServer_ListsToolsWithAnnotations(string server)
    {
        var tools = (await _hub.GetToolsAsync(server)).ToDictionary(t => t.Name);

        Assert.Equal(new ToolAnnotations { ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false }, tools["get-sum"].Annotations);
        Assert.Equal("Get Sum Tool", tools["get-sum"].Title);
        Assert.NotNull(tools["get-structured-content"].OutputSchema);
    }

    [Theory]
    [InlineData("everything")]
    [InlineData("everything-http")]
    public async Task InvokeAsync_TextResult_IsTheText(string server)
    {
        var result = await _hub.InvokeAsync(TestServers.Call(server, "get-sum", """{ "a": 1, "b": 2 }"""));

        Assert.False(result.IsError, result.ErrorMessage);
        Assert.Equal("The sum of 1 and 2 is 3.", result.Output.GetString());
    }

    [Fact]
    public async Task InvokeAsync_StructuredContent_IsTheOutput()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("everything", "get-structured-content", """{ "location": "Chicago" }"""));

        Assert.False(result.IsError, result.ErrorMessage);
        Assert.Equal(36, result.Output.GetProperty("temperature").GetInt32());
    }

    [Fact]
    public async Task InvokeAsync_ImageResult_KeepsAReferenceNotTheBase64()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("everything", "get-tiny-image"));

        Assert.False(result.IsError, result.ErrorMessage);
        var image = Assert.Single(result.Output.EnumerateArray(), block => block.GetProperty("type").GetString() == "image");
        Assert.Equal("image/png", image.GetProperty("mimeType").GetString());
        Assert.True(image.GetProperty("bytes").GetInt64() > 0);
        Assert.False(image.TryGetProperty("data", out _));
        Assert.True(result.Output.GetRawText().Length < 2000, "the base64 image must not be copied into the output");
    }

    [Fact]
    public async Task InvokeAsync_EmbeddedTextResource_KeepsItsTextInlineAndBindable()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("everything", "get-resource-reference", """{ "resourceType": "Text", "resourceId": 2 }"""));

        Assert.False(result.IsError, result.ErrorMessage);
        var resource = Assert.Single(result.Output.EnumerateArray(), block => block.GetProperty("type").GetString() == "resource");
        var text = resource.GetProperty("text").GetString();
        Assert.False(string.IsNullOrEmpty(text));
        Assert.Equal(text!.Length, resource.GetProperty("chars").GetInt32());
        Assert.StartsWith("demo://resource/", resource.GetProperty("uri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_EmbeddedBlobResource_IsAReferenceWithoutTheBase64()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("everything", "get-resource-reference", """{ "resourceType": "Blob", "resourceId": 2 }"""));

        Assert.False(result.IsError, result.ErrorMessage);
        var resource = Assert.Single(result.Output.EnumerateArray(), block => block.GetProperty("type").GetString() == "resource");
        Assert.True(resource.GetProperty("bytes").GetInt64() > 0);
        Assert.False(resource.TryGetProperty("text", out _));
        Assert.False(resource.TryGetProperty("blob", out _));
    }

    [Theory]
    [InlineData("everything")]
    [InlineData("everything-http")]
    public async Task InvokeAsync_AnnotatedContent_IsReadNotALostConnection(string server)
    {
        var result = await _hub.InvokeAsync(TestServers.Call(server, "get-annotated-message", """{ "messageType": "success", "includeImage": true }"""));

        Assert.False(result.IsError, result.ErrorMessage);
        var blocks = result.Output.EnumerateArray().ToArray();
        Assert.Contains(blocks, block => block.GetProperty("type").GetString() == "text");
        Assert.Contains(blocks, block => block.GetProperty("type").GetString() == "image");
        Assert.Equal(McpServerState.Running, _hub.GetServerStatus(server).State); // the session was kept
    }

    [Fact]
    public async Task InvokeAsync_BadArguments_IsFailure()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("everything", "get-sum", """{ "a": "one", "b": 2 }"""));

        Assert.True(result.IsError);
        Assert.False(string.IsNullOrWhiteSpace(result.ErrorMessage));
    }

    [Fact]
    public async Task InvokeAsync_UnknownTool_IsFailure()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("everything", "no-such-tool"));

        Assert.True(result.IsError);
        Assert.Contains("no-such-tool", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_EchoWithIdempotencyKey_Succeeds()
    {
        var result = await _hub.InvokeAsync(TestServers.Call("everything-http", "echo", """{ "message": "hi" }""", "run-1:echo"));

        Assert.False(result.IsError, result.ErrorMessage);
        Assert.Contains("hi", result.Output.GetString(), StringComparison.Ordinal);
    }
}
