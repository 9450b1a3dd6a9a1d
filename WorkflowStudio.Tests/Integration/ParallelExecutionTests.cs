using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Integration;

/// <summary>Workflows spanning McpTestServer over stdio and over HTTP and server-everything: overlap and data flow.</summary>
[Collection(McpEngineCollection.Name)]
public sealed class ParallelExecutionTests(McpEngineFixture engine)
{
    [Fact]
    public async Task Run_SleepDiamondOverStdioAndHttp_SiblingsOverlapAndJoinWaitsForAll()
    {
        var result = await engine.RunAsync("""
            { "name": "sleep-diamond",
              "nodes": [
                { "id": "a", "tool": "test/sleep", "args": { "ms": 100 } },
                { "id": "b", "tool": "test/sleep", "args": { "ms": 800 }, "dependsOn": ["a"] },
                { "id": "c", "tool": "web/sleep", "args": { "ms": 800 }, "dependsOn": ["a"] },
                { "id": "d", "tool": "web/sleep", "args": { "ms": 800 }, "dependsOn": ["a"] },
                { "id": "e", "tool": "test/sleep", "args": { "ms": 100 }, "dependsOn": ["b", "c", "d"] }
              ] }
            """);

        Assert.True(result.Status == RunStatus.Success, result.Describe());
        Assert.Equal("slept 800 ms", result.Node("c").Result!.Value.GetString());
        var middle = new[] { result.Node("b"), result.Node("c"), result.Node("d") };
        Assert.True(middle.Max(n => n.StartedAt) < middle.Min(n => n.FinishedAt), "b, c and d did not overlap");
        Assert.All(middle, n => Assert.True(n.StartedAt >= result.Node("a").FinishedAt));
        Assert.True(result.Node("e").StartedAt >= middle.Max(n => n.FinishedAt));
        var path = result.PerformanceMetrics.CriticalPath;
        Assert.Equal(3, path.Count);
        Assert.Equal("a", path[0]);
        Assert.Contains(path[1], new[] { "b", "c", "d" });
        Assert.Equal("e", path[2]);
        Assert.Equal(5, result.PerformanceMetrics.ToolCalls);
    }

    [Fact]
    public async Task Run_OutputsOfDifferentServers_FlowThroughBindings()
    {
        var result = await engine.RunAsync("""
            { "name": "cross-server",
              "nodes": [
                { "id": "reference", "tool": "everything/get-sum", "args": { "a": 2, "b": 3 } },
                { "id": "structured", "tool": "test/add", "args": { "a": 40, "b": 2 } },
                { "id": "remote", "tool": "web/add", "args": { "a": "{{ steps.structured.output.sum }}", "b": 1 } },
                { "id": "echo", "tool": "everything/echo", "args": { "message": "{{ steps.reference.output }} / {{ steps.remote.output.sum }}" } }
              ] }
            """);

        Assert.True(result.Status == RunStatus.Success, result.Describe());
        Assert.Equal(42, result.Node("structured").Result!.Value.GetProperty("sum").GetDouble());
        Assert.Equal(43, result.Node("remote").Result!.Value.GetProperty("sum").GetDouble());
        Assert.Contains("steps.structured.output.sum", result.Node("remote").ContextUsed);
        Assert.Equal("Echo: The sum of 2 and 3 is 5. / 43", result.Node("echo").Result!.Value.GetString());
    }
}
