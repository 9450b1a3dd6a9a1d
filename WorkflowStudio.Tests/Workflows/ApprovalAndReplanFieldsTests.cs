using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Workflows;

public sealed class ApprovalAndReplanFieldsTests
{
    private const string Workflow = """
        { "name": "fields", "onFailure": "replan", "maxReplans": 1,
          "nodes": [ { "id": "a", "tool": "builtin/echo", "args": { "value": 1 }, "approval": "required" } ] }
        """;

    [Fact]
    public void Parse_ApprovalOnFailureAndMaxReplans_RoundTrip()
    {
        var workflow = WorkflowJson.Parse(Workflow).Workflow!;
        var again = WorkflowJson.Parse(WorkflowJson.Serialize(workflow)).Workflow!;

        Assert.Equal(WorkflowNode.ApprovalRequired, again.Nodes[0].Approval);
        Assert.Equal(WorkflowDefinition.OnFailureReplan, again.OnFailure);
        Assert.Equal(1, again.MaxReplans);
        Assert.True(again.CanReplan(0));
        Assert.False(again.CanReplan(1));
    }

    [Fact]
    public async Task ValidateAsync_UnknownApprovalAndOnFailure_ReportsBothWithTheirPaths()
    {
        var workflow = WorkflowJson.Parse(Workflow.Replace("\"required\"", "\"maybe\"", StringComparison.Ordinal)
            .Replace("\"replan\"", "\"retry\"", StringComparison.Ordinal).Replace("\"maxReplans\": 1", "\"maxReplans\": 11", StringComparison.Ordinal)).Workflow!;

        var errors = (await WorkflowValidator.ValidateAsync(workflow, InMemoryToolCatalog.WithBuiltins())).Select(e => e.ToString()).ToArray();

        Assert.Contains("$.nodes[0].approval: must be \"required\" or \"auto\"; got \"maybe\"", errors);
        Assert.Contains("$.onFailure: must be \"fail\" or \"replan\"; got \"retry\"", errors);
        Assert.Contains("$.maxReplans: must be between 0 and 10, got 11", errors);
    }
}
