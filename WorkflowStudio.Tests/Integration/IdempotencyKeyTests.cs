using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Integration;

/// <summary>The stable idempotency key <c>runId:nodeId</c> reaches the servers in the request <c>_meta</c>.</summary>
[Collection(McpEngineCollection.Name)]
public sealed class IdempotencyKeyTests(McpEngineFixture engine)
{
    [Fact]
    public async Task Run_ToolCalls_CarryRunIdAndNodeIdInMeta()
    {
        var value = Guid.NewGuid().ToString("N");

        var result = await engine.RunAsync($$"""
            { "name": "idempotency",
              "nodes": [
                { "id": "stdio-meta", "tool": "test/echo_meta" },
                { "id": "http-meta", "tool": "web/echo_meta" },
                { "id": "write", "tool": "test/side_effect", "args": { "value": "{{value}}" } }
              ] }
            """);

        Assert.True(result.Status == RunStatus.Success, result.Describe());
        foreach (var id in new[] { "stdio-meta", "http-meta" })
        {
            Assert.Equal($"{result.RunId}:{id}", result.Node(id).Result!.Value.GetProperty(ToolCallRequest.IdempotencyMetaKey).GetString());
        }
        var line = Assert.Single(File.ReadAllLines(engine.SideEffectsFile), l => l.EndsWith($"\t{value}", StringComparison.Ordinal));
        Assert.Equal($"{result.RunId}:write\t{value}", line);
    }
}
