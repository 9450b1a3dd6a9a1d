using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpTestServer;

/// <summary>Controllable tools for the tool-hub tests. Each one exercises one behaviour of a real server.</summary>
[McpServerToolType]
internal sealed class TestTools(CallCounters counters)
{
    private static readonly Lock SideEffectFileLock = new();

    [McpServerTool(Name = "sleep", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("Waits the given number of milliseconds, then answers with plain text.")]
    public static async Task<string> SleepAsync([Description("Milliseconds to wait")] int ms, CancellationToken cancellationToken)
    {
        await Task.Delay(ms, cancellationToken);
        return $"slept {ms} ms";
    }

    [McpServerTool(Name = "fail_times", Idempotent = true, ReadOnly = false, Destructive = false)]
    [Description("Reports an error (isError) for the first `times` calls with a given `key`, then succeeds.")]
    public CallToolResult FailTimes(string key, int times)
    {
        var call = counters.Increment(key);
        return call <= times
            ? new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = $"failure {call} of {times} for key {key}" }] }
            : new CallToolResult { Content = [new TextContentBlock { Text = $"{{\"key\":\"{key}\",\"call\":{call}}}" }] };
    }

    [McpServerTool(Name = "hang", ReadOnly = true, Idempotent = true)]
    [Description("Never answers; returns only when the request is cancelled.")]
    public async Task<string> HangAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The client's notifications/cancelled arrived: count it so tests can see it (stats.hangCancelled).
            counters.Increment(HangCancelledKey);
            throw;
        }
        return "unreachable";
    }

    [McpServerTool(Name = "stats", ReadOnly = true, Idempotent = true)]
    [Description("Answers {pid, hangCancelled}: which process serves the call and how many hang calls were cancelled.")]
    public string Stats() =>
        JsonSerializer.Serialize(new Dictionary<string, int> { ["pid"] = Environment.ProcessId, ["hangCancelled"] = counters.Get(HangCancelledKey) });

    private const string HangCancelledKey = "hang:cancelled";

    [McpServerTool(Name = "garbage", ReadOnly = true, UseStructuredContent = true, OutputSchemaType = typeof(SumResult))]
    [Description("Declares an output schema but answers with text and no structured content.")]
    public static CallToolResult Garbage() =>
        new() { Content = [new TextContentBlock { Text = "<html>definitely not the promised object</html>" }] };

    [McpServerTool(Name = "crash", Destructive = false)]
    [Description("Kills this server process immediately (a crash in the middle of a call).")]
    public static string Crash()
    {
        Console.Error.WriteLine("mcp test server: crash requested, exiting now");
        Console.Error.Flush();
        Process.GetCurrentProcess().Kill();
        return "unreachable";
    }

    [McpServerTool(Name = "side_effect", ReadOnly = false, Idempotent = false, Destructive = false)]
    [Description("Appends the idempotency key and arguments to the file named by MCP_TEST_SIDE_EFFECTS; returns the number of lines.")]
    public static CallToolResult SideEffect(RequestContext<CallToolRequestParams> context, string value)
    {
        var path = Environment.GetEnvironmentVariable("MCP_TEST_SIDE_EFFECTS");
        if (string.IsNullOrEmpty(path))
        {
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = "MCP_TEST_SIDE_EFFECTS is not set" }] };
        }
        var key = context.Params?.Meta?["io.workflowstudio/idempotency-key"]?.GetValue<string>() ?? "-";
        int count;
        lock (SideEffectFileLock)
        {
            File.AppendAllText(path, $"{key}\t{value}\n");
            count = File.ReadAllLines(path).Length;
        }
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = count.ToString(CultureInfo.InvariantCulture) }],
        };
    }

    [McpServerTool(Name = "add", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Adds two numbers; answers with structured content {sum}.")]
    public static SumResult Add(double a, double b) => new(a + b);

    [McpServerTool(Name = "echo_meta", ReadOnly = true, Idempotent = true)]
    [Description("Answers with the request _meta it received, as JSON text.")]
    public static string EchoMeta(RequestContext<CallToolRequestParams> context) =>
        context.Params?.Meta?.ToJsonString() ?? "{}";

    [McpServerTool(Name = "destructive_delete", Destructive = true, ReadOnly = false, Idempotent = false)]
    [Description("Pretends to delete something; only records the call.")]
    public string DestructiveDelete(string target) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["deleted"] = target, ["call"] = counters.Increment("destructive_delete:" + target) });
}

/// <summary>The structured result of <c>add</c> (and the schema <c>garbage</c> promises).</summary>
internal sealed record SumResult(double Sum);
