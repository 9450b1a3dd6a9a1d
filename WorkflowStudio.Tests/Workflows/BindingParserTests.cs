using WorkflowStudio.Engine.Workflows.Bindings;

namespace WorkflowStudio.Tests.Workflows;

public sealed class BindingParserTests
{
    [Theory]
    [InlineData("inputs.period", "inputs", "period", null, 0)]
    [InlineData("  steps.extract.output  ", "steps", "extract", "output", 0)]
    [InlineData("steps.extract.output.rows[0].total", "steps", "extract", "output", 3)]
    [InlineData("steps.my-node.status", "steps", "my-node", "status", 0)]
    [InlineData("steps.a.output[\"key with ] and spaces\"]", "steps", "a", "output", 1)]
    [InlineData("steps.a.output[ 'q' ]", "steps", "a", "output", 1)]
    [InlineData("inputs.cfg.nested[2]", "inputs", "cfg", null, 2)]
    public void TryParse_ValidExpression_SplitsRootNameFieldAndSegments(string expression, string root, string name, string? field, int segments)
    {
        Assert.True(BindingParser.TryParse(expression, out var path, out var error), error);

        Assert.Equal(root, path!.Root);
        Assert.Equal(name, path.Name);
        Assert.Equal(field, path.Field);
        Assert.Equal(segments, path.Segments.Count);
    }

    [Fact]
    public void TryParse_QuotedKeyWithBracket_KeepsTheWholeKey()
    {
        Assert.True(BindingParser.TryParse("steps.a.output[\"x]y\"].z", out var path, out _));

        Assert.Equal(["x]y", "z"], path!.Segments);
        Assert.Equal("steps.a.output[\"x]y\"].z", path.ToString());
    }

    [Theory]
    [InlineData("", "'' is not a binding: expected 'inputs.NAME' or 'steps.ID.output…'")]
    [InlineData("env.HOME", "'env.HOME' starts with 'env'; a binding starts with 'inputs.' or 'steps.'")]
    [InlineData("inputs", "'inputs' names no input: write 'inputs.NAME'")]
    [InlineData("steps.a", "'steps.a': after 'steps.a' write .output, .status, .error or .attempts")]
    [InlineData("steps.a.result", "'steps.a.result': after 'steps.a' write .output, .status, .error or .attempts")]
    [InlineData("steps.a.output.", "'steps.a.output.': expected a name after '.' at character 16")]
    [InlineData("steps.a.output[0", "'steps.a.output[0': '[' at character 15 is never closed")]
    [InlineData("steps.a.output[x]", "'steps.a.output[x]': '[x]' must be an array index such as [0] or a quoted key such as [\"name\"]")]
    [InlineData("inputs.a b", "'inputs.a b': unexpected ' ' at character 9")]
    public void TryParse_InvalidExpression_SaysWhatIsWrong(string expression, string expected)
    {
        Assert.False(BindingParser.TryParse(expression, out var path, out var error));

        Assert.Null(path);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("steps.a.output.rows[0][\"a b\"]")]
    [InlineData("inputs.period")]
    [InlineData("steps.a.attempts")]
    public void ToString_ParsedPath_ReadsBackTheSame(string expression)
    {
        Assert.True(BindingParser.TryParse(expression, out var path, out _));

        Assert.Equal(expression, path!.ToString());
    }
}
