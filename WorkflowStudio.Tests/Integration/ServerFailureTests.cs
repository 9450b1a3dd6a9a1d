using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Integration;

/// <summary>A server that dies mid-run, tools that do not exist, arguments a server refuses, results that break their schema.</summary>
[Collection(McpEngineCollection.Name)]
public sealed class ServerFailureTests(McpEngineFixture engine)
{
    [Fact]
    public async Task Run_ServerCrashesMidRun_NodeErrorsOtherBranchesFinishAndTheServerIsRestarted()
    {
        var result = await engine.RunAsync("""
            { "name": "crash",
              "nodes": [
                { "id": "before", "tool": "fragile/stats" },
                { "id": "crash", "tool": "fragile/crash", "dependsOn": ["before"], "continueOnError": true,
                  "retry": { "maxAttempts": 3, "backoffSeconds": 0 } },
                { "id": "branch", "tool": "web/sleep", "args": { "ms": 300 } },
                { "id": "after", "tool": "fragile/stats", "dependsOn": ["crash"] }
              ] }
            """);

        Assert.True(result.Status == RunStatus.PartialSuccess, result.Describe());
        var crash = result.Node("crash");
        Assert.Equal(NodeStatus.Error, crash.Status);
        Assert.Equal(1, crash.Attempts);
        Assert.Contains("fragile/crash: 'fragile/crash' lost its connection to MCP server 'fragile'", crash.Error, StringComparison.Ordinal);
        Assert.Contains("the outcome is unknown", crash.Error, StringComparison.Ordinal);
        Assert.Contains("crash requested", crash.Error, StringComparison.Ordinal); // the server's stderr tail
        Assert.Contains("not retried: fragile/crash is neither read-only nor idempotent", crash.Error, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Success, result.Node("branch").Status);
        Assert.Equal(NodeStatus.Success, result.Node("after").Status);
        Assert.NotEqual(
            result.Node("before").Result!.Value.GetProperty("pid").GetInt32(),
            result.Node("after").Result!.Value.GetProperty("pid").GetInt32());
    }

    [Fact]
    public async Task Run_TransportFailureWithUnsafeOptIn_RetriesOnARestartedServer()
    {
        var result = await engine.RunAsync("""
            { "name": "crash-twice",
              "nodes": [ { "id": "crash", "tool": "fragile/crash", "retry": { "maxAttempts": 2, "backoffSeconds": 0, "unsafe": true } } ] }
            """);

        Assert.Equal(RunStatus.Failed, result.Status);
        var crash = result.Node("crash");
        Assert.Equal(2, crash.Attempts);
        Assert.Contains("lost its connection to MCP server 'fragile'", crash.Error, StringComparison.Ordinal);
        Assert.Contains("after 2 attempts", crash.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not retried", crash.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownToolsWithoutValidation_NodeErrorsNameServerAndTool()
    {
        var result = await engine.RunAsync("""
            { "name": "unknown-tools",
              "nodes": [
                { "id": "tool", "tool": "test/no_such_tool", "args": {} },
                { "id": "server", "tool": "nowhere/anything", "args": {} },
                { "id": "fine", "tool": "test/add", "args": { "a": 1, "b": 1 } }
              ] }
            """, validate: false);

        Assert.True(result.Status == RunStatus.Failed, result.Describe()); // failed nodes without continueOnError fail the run
        Assert.Equal("server 'test' has no tool 'no_such_tool'", result.Node("tool").Error);
        Assert.Contains("No tool server named 'nowhere' is configured", result.Node("server").Error, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Success, result.Node("fine").Status);
    }

    [Fact]
    public async Task Run_ArgumentsTheServerRefuses_NodeErrorsWithTheServersReason()
    {
        var result = await engine.RunAsync("""
            { "name": "bad-arguments",
              "nodes": [
                { "id": "ours", "tool": "test/add", "args": { "a": "not a number", "b": 1 } },
                { "id": "reference", "tool": "everything/get-sum", "args": { "a": "not a number", "b": 1 } }
              ] }
            """, validate: false);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.All(result.Results, r => Assert.Equal(NodeStatus.Error, r.Status));
        Assert.Equal(1, result.Node("ours").Attempts);
        Assert.StartsWith("test/add returned an error: An error occurred invoking 'add'", result.Node("ours").Error, StringComparison.Ordinal);
        Assert.StartsWith("everything/get-sum returned an error: ", result.Node("reference").Error, StringComparison.Ordinal);
        Assert.Contains("Invalid arguments for tool get-sum", result.Node("reference").Error, StringComparison.Ordinal);
        Assert.Contains("expected number, received string", result.Node("reference").Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GarbageResult_NodeErrorMentionsTheOutputSchema()
    {
        var result = await engine.RunAsync("""
            { "name": "garbage",
              "nodes": [ { "id": "g", "tool": "web/garbage" } ] }
            """);

        Assert.Equal(RunStatus.Failed, result.Status);
        var error = result.Node("g").Error;
        Assert.Contains("web/garbage", error, StringComparison.Ordinal);
        Assert.Contains("outputSchema", error, StringComparison.Ordinal);
        Assert.Contains("definitely not the promised object", error, StringComparison.Ordinal);
    }
}
