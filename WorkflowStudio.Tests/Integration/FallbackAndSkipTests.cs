using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Integration;

/// <summary>Fallbacks to another server's tool, and <c>when</c> conditions reading real tool output.</summary>
[Collection(McpEngineCollection.Name)]
public sealed class FallbackAndSkipTests(McpEngineFixture engine)
{
    [Fact]
    public async Task Run_PrimaryFailsOnStdio_FallsBackToTheHttpServersTool()
    {
        var key = Guid.NewGuid().ToString("N");

        var result = await engine.RunAsync($$$"""
            { "name": "fallback",
              "nodes": [
                { "id": "sum", "tool": "test/fail_times", "args": { "key": "{{{key}}}", "times": 99 },
                  "retry": { "maxAttempts": 2, "backoffSeconds": 0 },
                  "fallback": { "tool": "web/add", "args": { "a": 1, "b": 2 } } },
                { "id": "after", "tool": "builtin/echo", "args": { "value": "{{ steps.sum.output.sum }}" } }
              ] }
            """);

        Assert.True(result.Status == RunStatus.Success, result.Describe());
        var sum = result.Node("sum");
        Assert.True(sum.RecoveryAttempted);
        Assert.Equal(3, sum.FallbackResult!.Value.GetProperty("sum").GetDouble());
        Assert.Equal(3, sum.Result!.Value.GetProperty("sum").GetDouble());
        Assert.Equal(3, sum.Attempts); // two tries of the primary, then the fallback
        Assert.Equal(3, result.Node("after").Result!.Value.GetDouble());
    }

    [Fact]
    public async Task Run_FallbackFailsToo_ReportsBothErrors()
    {
        var key = Guid.NewGuid().ToString("N");

        var result = await engine.RunAsync($$"""
            { "name": "fallback-fails",
              "nodes": [ { "id": "n", "tool": "test/fail_times", "args": { "key": "{{key}}", "times": 99 },
                           "fallback": { "tool": "web/fail_times", "args": { "key": "{{key}}", "times": 99 } } } ] }
            """);

        Assert.Equal(RunStatus.Failed, result.Status);
        var node = result.Node("n");
        Assert.True(node.RecoveryAttempted);
        Assert.Contains($"test/fail_times returned an error: failure 1 of 99 for key {key}", node.Error, StringComparison.Ordinal);
        Assert.Contains($"fallback web/fail_times also failed: web/fail_times returned an error: failure 1 of 99 for key {key}", node.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenFalseFromToolOutput_SkipsTheNodeAndItsDependantsOnly()
    {
        var result = await engine.RunAsync("""
            { "name": "conditional",
              "nodes": [
                { "id": "check", "tool": "test/add", "args": { "a": 0, "b": 0 } },
                { "id": "gated", "tool": "test/sleep", "args": { "ms": 1 }, "when": "{{ steps.check.output.sum }}" },
                { "id": "downstream", "tool": "web/sleep", "args": { "ms": 1 }, "dependsOn": ["gated"] },
                { "id": "open", "tool": "web/sleep", "args": { "ms": 1 }, "when": "{{ steps.check.status }}" }
              ] }
            """);

        Assert.Equal(NodeStatus.Skipped, result.Node("gated").Status);
        Assert.Contains("{{ steps.check.output.sum }}", result.Node("gated").Error, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Skipped, result.Node("downstream").Status);
        Assert.Contains("'gated' was skipped", result.Node("downstream").Error, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Success, result.Node("open").Status);
        Assert.Equal(0, result.Node("gated").Attempts);
        Assert.Equal(2, result.PerformanceMetrics.ToolCalls);
    }
}
