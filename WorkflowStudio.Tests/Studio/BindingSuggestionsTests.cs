using System.Text.Json;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Studio;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;

namespace WorkflowStudio.Tests.Studio;

public sealed class BindingSuggestionsTests
{
    [Fact]
    public void For_NodeInDiamond_OffersInputsAndEveryUpstreamStepOnly()
    {
        var workflow = Diamond() with { Inputs = new Dictionary<string, WorkflowInput> { ["topic"] = new() } };

        Assert.Equal(["{{ inputs.topic }}", "{{ steps.a.output }}", "{{ steps.b.output }}", "{{ steps.c.output }}"], BindingSuggestions.For(workflow, "d"));
        Assert.Equal(["{{ inputs.topic }}", "{{ steps.a.output }}"], BindingSuggestions.For(workflow, "b"));
        Assert.Equal(["{{ inputs.topic }}"], BindingSuggestions.For(workflow, "a"));
    }

    [Fact]
    public void For_UpstreamToolWithAnOutputSchema_OffersItsFieldsAfterItsWholeOutput()
    {
        var workflow = Of(Node("a") with { Tool = "sales/report" }, Node("b", "a"));
        var schema = JsonDocument.Parse("""
            { "type": "object",
              "properties": {
                "total": { "type": "number" },
                "rows": { "type": "array", "items": { "type": "object", "properties": { "region": { "type": "string" } } } },
                "by region": { "type": "object" } } }
            """).RootElement;

        var suggestions = BindingSuggestions.For(workflow, "b", tool => tool == "sales/report" ? schema : null);

        Assert.Equal(
            ["{{ steps.a.output }}", "{{ steps.a.output.total }}", "{{ steps.a.output.rows }}", "{{ steps.a.output.rows[0].region }}",
             "{{ steps.a.output[\"by region\"] }}"],
            suggestions);
    }
}
