using WorkflowStudio.Engine.Execution;
using WorkflowStudio.Engine.Workflows;
using static WorkflowStudio.Tests.Execution.Wf;

namespace WorkflowStudio.Tests.Execution;

public sealed class NodeCacheKeyTests
{
    private static readonly NodeScope Scope = new(new Dictionary<string, System.Text.Json.JsonElement> { ["region"] = Json("\"eu\"") }, []);

    private static string KeyOf(string args, string? key = null, string tool = "count") =>
        NodeCacheKey.Of(Node("n", tool), new NodeCache { TtlSeconds = 60, Key = key }, Json(args), Scope, []);

    [Fact]
    public void Of_SameArgumentsInAnotherOrder_IsTheSameKey() =>
        Assert.Equal(KeyOf("""{ "a": 1, "b": { "y": [1, 2], "x": "s" } }"""), KeyOf("""{"b":{"x":"s","y":[1,2]},"a":1}"""));

    [Fact]
    public void Of_OtherArgumentsOrTool_IsAnotherKey()
    {
        Assert.NotEqual(KeyOf("""{ "a": 1 }"""), KeyOf("""{ "a": 2 }"""));
        Assert.NotEqual(KeyOf("""{ "a": 1 }"""), KeyOf("""{ "a": 1 }""", tool: "other"));
    }

    [Fact]
    public void Of_KeyTemplate_IsRenderedWithBindingsAndIgnoresTheArguments()
    {
        Assert.Equal(KeyOf("""{ "a": 1 }""", "report-{{ inputs.region }}"), KeyOf("""{ "a": 2 }""", "report-{{ inputs.region }}"));
        Assert.NotEqual(KeyOf("{}", "report-{{ inputs.region }}"), KeyOf("{}", "report-eu-2"));
        Assert.Equal(64, KeyOf("{}").Length);
    }
}
