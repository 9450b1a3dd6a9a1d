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
}
