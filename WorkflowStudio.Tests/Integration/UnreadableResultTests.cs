using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Runs;

namespace WorkflowStudio.Tests.Integration;

/// <summary>
/// A result the C# SDK cannot read (content annotations, ModelContextProtocol.Core 2.4.0) is that call's outcome: it never
/// tears down the session with the other calls in flight on the same server (before, a non-idempotent call beside it was
/// dropped, left to the recovery sweep, and ran a second time).
/// </summary>
[Collection(McpEngineCollection.Name)]
public sealed class UnreadableResultTests(McpEngineFixture engine)
{
    [Fact]
    public async Task Run_AnnotatedContentBesideASlowSideEffect_BothSucceedAndTheSideEffectRunsOnce()
    {
        var value = Guid.NewGuid().ToString("N");

        var result = await engine.RunAsync($$"""
            { "name": "annotated-beside-side-effect",
              "nodes": [
                { "id": "write", "tool": "ledger/side_effect", "args": { "value": "{{value}}", "delayMs": 1500 } },
                { "id": "annotated", "tool": "ledger/annotated", "args": { "delayMs": 200 } }
              ] }
            """);

        Assert.True(result.Status == RunStatus.Success, result.Describe());
        Assert.Contains("annotated hello", result.Node("annotated").Result!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, result.Node("write").Attempts);
        var line = Assert.Single(File.ReadAllLines(engine.SideEffectsFile), l => l.EndsWith($"\t{value}", StringComparison.Ordinal));
        Assert.Equal($"{result.RunId}:write\t{value}", line);
    }
}
