using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WorkflowStudio.Engine.Tools;

namespace WorkflowStudio.Tests.Tools;

public sealed class BuiltinToolSourceTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly BuiltinToolSource _source;

    public BuiltinToolSourceTests() => _source = new BuiltinToolSource([new EchoTool(), new DelayTool()], _time);

    [Fact]
    public async Task GetToolsAsync_ListsEchoAndDelayAsReadOnlyIdempotent()
    {
        var tools = await _source.GetToolsAsync("builtin");

        Assert.Equal(["builtin/delay", "builtin/echo"], tools.Select(t => t.FullName));
        Assert.All(tools, t => Assert.True(t.Annotations.ReadOnly == true && t.Annotations.Idempotent == true));
        Assert.All(tools, t => Assert.Equal("object", t.InputSchema.GetProperty("type").GetString()));
        Assert.Equal(["builtin"], _source.Servers);
    }

    [Fact]
    public async Task Echo_Value_IsReturnedUnchanged()
    {
        var result = await _source.InvokeAsync(TestServers.Call("builtin", "echo", """{ "value": { "rows": [1, 2], "ok": true } }"""));

        Assert.False(result.IsError, result.ErrorMessage);
        Assert.Equal("""{ "rows": [1, 2], "ok": true }""", result.Output.GetRawText());
    }

    [Theory]
    [InlineData("{}", "missing required argument 'value'")]
    [InlineData("""{ "value": 1, "extra": 2 }""", "unexpected argument 'extra'")]
    [InlineData("[1]", "must be a JSON object")]
    public async Task Echo_BadArguments_IsFailure(string arguments, string expected)
    {
        var result = await _source.InvokeAsync(TestServers.Call("builtin", "echo", arguments));

        Assert.True(result.IsError);
        Assert.Contains(expected, result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delay_Waits_OnTheTimeProvider()
    {
        var call = _source.InvokeAsync(TestServers.Call("builtin", "delay", """{ "milliseconds": 1500 }""")).AsTask();

        _time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(result.IsError, result.ErrorMessage);
        Assert.Equal(1500, result.Output.GetProperty("waitedMs").GetInt32());
    }

    [Fact]
    public async Task Delay_Cancelled_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var call = _source.InvokeAsync(TestServers.Call("builtin", "delay", """{ "milliseconds": 600000 }"""), cancellation.Token).AsTask();

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Theory]
    [InlineData("""{ "milliseconds": -1 }""", "must be an integer from 0 to 600000, got -1")]
    [InlineData("""{ "milliseconds": 600001 }""", "must be an integer from 0 to 600000")]
    [InlineData("""{ "milliseconds": "10" }""", "must be an integer from 0 to 600000, got \"10\"")]
    [InlineData("""{ "milliseconds": 1.5 }""", "must be an integer")]
    [InlineData("{}", "missing required argument 'milliseconds'")]
    [InlineData("""{ "ms": 5 }""", "unexpected argument 'ms'")]
    public async Task Delay_BadArguments_IsFailure(string arguments, string expected)
    {
        var result = await _source.InvokeAsync(TestServers.Call("builtin", "delay", arguments));

        Assert.True(result.IsError);
        Assert.Contains(expected, result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_UnknownTool_IsFailureListingKnownTools()
    {
        var result = await _source.InvokeAsync(TestServers.Call("builtin", "teleport"));

        Assert.True(result.IsError);
        Assert.Contains("builtin/delay, builtin/echo", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_DuplicateToolNames_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new BuiltinToolSource([new EchoTool(), new EchoTool()], _time));

        Assert.Contains("'echo'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_ToolReceivesTheIdempotencyKey()
    {
        var probe = new ProbeTool();
        var source = new BuiltinToolSource([probe], _time);

        await source.InvokeAsync(TestServers.Call("builtin", "probe", idempotencyKey: "run:node"));

        Assert.Equal("run:node", probe.LastContext?.IdempotencyKey);
        Assert.Same(_time, probe.LastContext?.TimeProvider);
    }

    private sealed class ProbeTool : IBuiltinTool
    {
        public BuiltinToolContext? LastContext { get; private set; }

        public ToolDescriptor Descriptor { get; } = new() { Server = "builtin", Name = "probe", InputSchema = TestServers.Json("""{ "type": "object" }""") };

        public ValueTask<ToolCallResult> InvokeAsync(JsonElement arguments, BuiltinToolContext context, CancellationToken cancellationToken = default)
        {
            LastContext = context;
            return ValueTask.FromResult(ToolCallResult.Success(arguments));
        }
    }
}
