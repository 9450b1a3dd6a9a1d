using Microsoft.Extensions.Options;
using WorkflowStudio.Engine.Metering;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Engine.Tenancy;

namespace WorkflowStudio.Tests.Tenancy;

/// <summary>The seed's tiers and the documented complexity formula (docs/api.md, "Pricing").</summary>
public sealed class PricingTests
{
    private static readonly PricingOptions Defaults = new();

    [Theory]
    [InlineData(1, 1, 0, 0.50)]   // the floor
    [InlineData(4, 3, 0, 1.30)]   // 0.50 + 0.10·3 + 0.25·2
    [InlineData(3, 1, 1, 1.20)]   // 0.50 + 0.10·2 + 0.50·1
    [InlineData(60, 20, 5, 5.00)] // the ceiling
    public void Orchestrated_PriceRun_FollowsTheFormulaWithinItsRange(int nodes, int width, int llm, double expected) =>
        Assert.Equal((decimal)expected, Defaults.For(PricingTiers.Orchestrated).PriceRun(new WorkflowComplexity(nodes, width, llm)));

    [Theory]
    [InlineData(1, 1, 0, 50)]
    [InlineData(10, 4, 2, 205)]  // 50 + 5·9 + 20·3 + 25·2
    [InlineData(200, 50, 40, 500)]
    public void Enterprise_PriceRun_StaysBetween50And500(int nodes, int width, int llm, double expected) =>
        Assert.Equal((decimal)expected, Defaults.For(PricingTiers.Enterprise).PriceRun(new WorkflowComplexity(nodes, width, llm)));

    [Fact]
    public void Simple_ChargesPerCallNotPerRun()
    {
        var simple = Defaults.For("simple");
        Assert.Equal(0.01m, simple.PerCallUsd);
        Assert.Equal(0m, simple.PriceRun(new WorkflowComplexity(10, 3, 1)));
    }

    [Fact]
    public void Complexity_OfADiamondWithAModelNode_CountsWidthAndLlm()
    {
        WorkflowNode Node(string id, string tool, params string[] deps) => new() { Id = id, Tool = tool, DependsOn = deps };
        var workflow = new WorkflowDefinition
        {
            Name = "d",
            Nodes = [Node("a", "builtin/echo"), Node("b", "builtin/ai_chat", "a"), Node("c", "builtin/echo", "a"), Node("d", "builtin/echo", "b", "c")],
        };

        Assert.Equal(new WorkflowComplexity(4, 2, 1), WorkflowComplexity.Of(workflow, Defaults.LlmTools));
    }

    [Fact]
    public void Validator_MaxBelowMin_NamesTheKeyToFix()
    {
        var options = new PricingOptions();
        options.Tiers[PricingTiers.Enterprise].MaxUsd = 10;
        var result = new PricingOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("Pricing:Tiers:enterprise_automation: MaxUsd", result.FailureMessage, StringComparison.Ordinal);
    }
}
