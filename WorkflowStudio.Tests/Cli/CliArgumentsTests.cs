using WorkflowStudio.Web.Cli;

namespace WorkflowStudio.Tests.Cli;

public sealed class CliArgumentsTests
{
    private static readonly IReadOnlySet<string> RunOptions = new HashSet<string> { "--input" };

    private static CliArguments Parse(params string[] args) =>
        CliArguments.Parse(args, verb => verb == "run" ? RunOptions : new HashSet<string>());

    [Theory]
    [InlineData("--data-dir", "d", "runs")]
    [InlineData("runs", "--data-dir", "d")]
    [InlineData("--data-dir=d", "runs")]
    public void Parse_GlobalOptionsBeforeOrAfterTheVerb_FindTheVerbAndTheOption(params string[] args)
    {
        var parsed = Parse(args);

        Assert.Equal("runs", parsed.Verb);
        Assert.Equal("d", parsed.Configuration["Studio:DataDir"]);
        Assert.Empty(parsed.Positionals);
    }

    [Fact]
    public void Parse_RepeatedVerbOption_KeepsEveryValueInOrder()
    {
        var parsed = Parse("run", "wf.json", "--input", "a=1", "--input=b=2", "--json");

        Assert.Equal(["wf.json"], parsed.Positionals);
        Assert.Equal(["a=1", "b=2"], parsed.Values("--input"));
        Assert.True(parsed.Has("--json"));
    }

    [Theory]
    [InlineData("run", "wf.json", "--bogus")]
    [InlineData("run", "wf.json", "--input")]
    public void Parse_UnknownOptionOrMissingValue_IsAUsageError(params string[] args) =>
        Assert.Throws<CliUsageException>(() => Parse(args));
}
