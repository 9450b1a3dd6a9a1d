using WorkflowStudio.Engine.Workflows.Bindings;

namespace WorkflowStudio.Tests.Workflows;

public sealed class TemplateStringTests
{
    [Theory]
    [InlineData("{{ inputs.a }}", true)]
    [InlineData("  {{inputs.a}}\n", true)]
    [InlineData("x {{ inputs.a }}", false)]
    [InlineData("{{ inputs.a }}{{ inputs.b }}", false)]
    public void TryParse_String_DetectsASingleBinding(string text, bool single)
    {
        Assert.True(TemplateString.TryParse(text, out var template, out _));

        Assert.True(template.HasBindings);
        Assert.Equal(single, template.IsSingleBinding);
    }

    [Fact]
    public void TryParse_MixedText_SplitsLiteralsAndExpressions()
    {
        Assert.True(TemplateString.TryParse("Report {{ inputs.period }} for {{steps.a.output.name}}!", out var template, out _));

        Assert.Equal(
            [new TemplatePart("Report ", null), new TemplatePart(null, "inputs.period"), new TemplatePart(" for ", null),
             new TemplatePart(null, "steps.a.output.name"), new TemplatePart("!", null)],
            template.Parts);
    }

    [Fact]
    public void TryParse_NoBraces_IsOneLiteral()
    {
        Assert.True(TemplateString.TryParse("plain } text {", out var template, out _));

        Assert.False(template.HasBindings);
        Assert.Equal([new TemplatePart("plain } text {", null)], template.Parts);
    }

    [Fact]
    public void TryParse_UnclosedBraces_ReportsWhere()
    {
        Assert.False(TemplateString.TryParse("ab {{ inputs.x", out _, out var error));

        Assert.Equal("'{{' at character 4 has no matching '}}'", error);
    }
}
