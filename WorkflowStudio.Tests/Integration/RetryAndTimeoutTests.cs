using System.Text.Json;
using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Tests.Tools;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Integration;

/// <summary>Retries on error results and timeouts, decided by the real servers' MCP tool annotations.</summary>
[Collection(McpEngineCollection.Name)]
public sealed class RetryAndTimeoutTests(McpEngineFixture engine)
{
    [Fact]
    public async Task Run_ErrorResultsThenSuccess_RetriesOverStdioAndHttp()
    {
        var key = Guid.NewGuid().ToString("N");

        var result = await engine.RunAsync($$"""
            { "name": "retries",
              "nodes": [
                { "id": "stdio", "tool": "test/fail_times", "args": { "key": "{{key}}", "times": 2 },
                  "retry": { "maxAttempts": 3, "backoffSeconds": 0.01 } },
                { "id": "http", "tool": "web/fail_times", "args": { "key": "{{key}}", "times": 1 },
                  "retry": { "maxAttempts": 3, "backoffSeconds": 0.01 } }
              ] }
            """);

        Assert.True(result.Status == RunStatus.Success, result.Describe());
        Assert.Equal(3, result.Node("stdio").Attempts);
        Assert.Equal(3, result.Node("stdio").Result!.Value.GetProperty("call").GetInt32());
        Assert.Equal(2, result.Node("http").Attempts);
        Assert.Equal(3, result.PerformanceMetrics.Retries);
    }

    [Fact]
    public async Task Run_ErrorResultsBeyondMaxAttempts_FailsWithTheLastError()
    {
        var key = Guid.NewGuid().ToString("N");

        var result = await engine.RunAsync($$"""
            { "name": "gives-up",
              "nodes": [ { "id": "n", "tool": "test/fail_times", "args": { "key": "{{key}}", "times": 5 },
                           "retry": { "maxAttempts": 2, "backoffSeconds": 0.01 } } ] }
            """);

        Assert.Equal(RunStatus.Failed, result.Status);
        var node = result.Node("n");
        Assert.Equal(2, node.Attempts);
        Assert.Contains($"failure 2 of 5 for key {key}", node.Error, StringComparison.Ordinal);
        Assert.Contains("after 2 attempts", node.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TimeoutOfReadOnlyIdempotentTools_RetriesThemAndCancelsTheCalls()
    {
        var cancelledBefore = (await engine.CallAsync("test", "stats")).GetProperty("hangCancelled").GetInt32();

        var result = await engine.RunAsync("""
            { "name": "safe-timeouts",
              "nodes": [
                { "id": "hang", "tool": "test/hang", "timeoutSeconds": 0.3, "retry": { "maxAttempts": 2, "backoffSeconds": 0 } },
                { "id": "sleep", "tool": "web/sleep", "args": { "ms": 30000 }, "timeoutSeconds": 0.3, "retry": { "maxAttempts": 2, "backoffSeconds": 0 } }
              ] }
            """);

        Assert.Equal(RunStatus.Failed, result.Status);
        foreach (var id in new[] { "hang", "sleep" })
        {
            var node = result.Node(id);
            Assert.Equal(2, node.Attempts);
            Assert.Contains("did not answer within 0.3 s", node.Error, StringComparison.Ordinal);
            Assert.Contains("after 2 attempts", node.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("not retried", node.Error, StringComparison.Ordinal);
        }
        // Each timed-out attempt told the server to stop (notifications/cancelled).
        var stats = await TestServers.PollAsync(
            () => engine.CallAsync("test", "stats"),
            s => s.GetProperty("hangCancelled").GetInt32() >= cancelledBefore + 2);
        Assert.Equal(cancelledBefore + 2, stats.GetProperty("hangCancelled").GetInt32());
    }

    [Fact]
    public async Task Run_TimeoutOfToolWithSideEffects_IsNotRetriedAndSaysWhy()
    {
        await engine.Catalog.GetToolsAsync("blocked"); // started before the run: the node's 2 s go to the call itself

        var result = await engine.RunAsync("""
            { "name": "unsafe-timeout",
              "nodes": [ { "id": "write", "tool": "blocked/side_effect", "args": { "value": "once" },
                           "timeoutSeconds": 2, "retry": { "maxAttempts": 3, "backoffSeconds": 0 } } ] }
            """);

        // The call is stuck writing to the FIFO: drain it to see how often the effect happened, then let the tool finish.
        var written = await DrainFifoAsync(engine.BlockedFifo, result.Node("write").Error);
        Assert.Equal(RunStatus.Failed, result.Status);
        var node = result.Node("write");
        Assert.Equal(1, node.Attempts);
        Assert.Contains("did not answer within 2 s", node.Error, StringComparison.Ordinal);
        Assert.Contains("not retried: blocked/side_effect is neither read-only nor idempotent", node.Error, StringComparison.Ordinal);
        Assert.Contains("\"retry\": {\"unsafe\": true}", node.Error, StringComparison.Ordinal);
        Assert.Equal($"{result.RunId}:write\tonce\n", written);
    }

    /// <summary>
    /// Reads what <c>side_effect</c> wrote into the FIFO (its append blocks until a reader opens it), then opens the
    /// FIFO for writing once so the tool's read-back sees end-of-file and the call completes on the server.
    /// </summary>
    private static async Task<string> DrainFifoAsync(string fifo, string? nodeError)
    {
        string written;
        try
        {
            written = await Task.Run(() => File.ReadAllText(fifo)).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException exception)
        {
            throw new InvalidOperationException($"blocked/side_effect never opened its FIFO: the call did not reach the server (node error: {nodeError})", exception);
        }
        await Task.Run(() =>
        {
            using var release = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        }).WaitAsync(TimeSpan.FromSeconds(10));
        return written;
    }
}
