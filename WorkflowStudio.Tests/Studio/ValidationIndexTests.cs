using System.Text.Json;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Studio;
using static WorkflowStudio.Tests.Studio.StudioWorkflows;

namespace WorkflowStudio.Tests.Studio;

public sealed class ValidationIndexTests
{
    [Fact]
    public async Task Index_RealValidatorErrors_LandOnTheirNodesAndFields()
    {
        using var builtin = new BuiltinCatalog();
        var workflow = Of(
            Node("ok"),
            new WorkflowNode { Id = "wait", Tool = "builtin/delay", Args = JsonSerializer.SerializeToElement(new { milliseconds = "soon" }), TimeoutSeconds = -1 },
            new WorkflowNode { Id = "ghost", Tool = "builtin/nope" });

        var errors = await WorkflowValidator.ValidateAsync(workflow, builtin.Catalog);
        var index = new ValidationIndex(workflow, errors);

        Assert.False(index.IsValid);
        Assert.Empty(index.ForNode("ok"));
        Assert.NotEmpty(index.ForField("wait", "args.milliseconds"));
        Assert.NotEmpty(index.ForField("wait", "timeoutSeconds"));
        Assert.NotEmpty(index.ForNode("ghost"));
        Assert.Equal(errors.Count, index.ForNode("wait").Count + index.ForNode("ghost").Count + index.WorkflowErrors.Count);
    }

    [Fact]
    public void Index_QuotedArgName_AndWorkflowLevelPaths()
    {
        var workflow = Of(Node("a"));
        var index = new ValidationIndex(workflow,
        [
            new ValidationError("$.nodes[0].args[\"a b\"]", "bad"),
            new ValidationError("$.nodes[0].retry.maxAttempts", "too many"),
            new ValidationError("$.inputs.period", "unknown type"),
            new ValidationError("$.nodes[7].id", "out of range"),
        ]);

        Assert.Single(index.ForField("a", "args.a b"));
        Assert.Single(index.ForField("a", "retry"));
        Assert.Equal(2, index.WorkflowErrors.Count);
    }
}
