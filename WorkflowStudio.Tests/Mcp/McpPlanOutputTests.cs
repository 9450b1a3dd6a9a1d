using System.Text.Json;
using WorkflowStudio.Engine.Application;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Web.Mcp;

namespace WorkflowStudio.Tests.Mcp;

/// <summary><c>plan_workflow</c>'s answer carries the planner's confidence, written as null when there is none.</summary>
public sealed class McpPlanOutputTests
{
    [Fact]
    public void From_WeakPlan_WritesTheConfidenceWithTheUsersWords()
    {
        var plan = new PlanResult
        {
            Planner = "template", Workflow = Execution.Wf.Of("w", Execution.Wf.Node("a", "builtin/echo", """{"value":1}""")),
            Confidence = new PlanConfidence
            {
                Score = 0.54, ConfidentScore = 0.6, MatchedKind = "template", MatchedId = "sales-intelligence", MatchedTitle = "Sales intelligence",
                MatchedWords = ["sales", "team"], UnmatchedWords = ["pizza"],
            },
        };

        var json = JsonSerializer.SerializeToElement(McpPlanOutput.From(new ResolvedWorkflow { Workflow = plan.Workflow, Plan = plan }));

        var confidence = json.GetProperty("confidence");
        Assert.True(confidence.GetProperty("weak").GetBoolean());
        Assert.Equal((0.54, "sales-intelligence"), (confidence.GetProperty("score").GetDouble(), confidence.GetProperty("matched_id").GetString()));
        Assert.Equal(["pizza"], confidence.GetProperty("unmatched_words").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public void From_NoPlan_WritesConfidenceAsNull()
    {
        var json = JsonSerializer.SerializeToElement(McpPlanOutput.From(new ResolvedWorkflow { Problem = "Give 'request'." }));

        Assert.Equal(JsonValueKind.Null, json.GetProperty("confidence").ValueKind);
        Assert.False(json.GetProperty("planned").GetBoolean());
    }
}
