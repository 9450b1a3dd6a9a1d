using WorkflowStudio.Engine.Workflows.Json;

namespace WorkflowStudio.Tests.Workflows;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("cuont", "count", 1)]
    [InlineData("get-sum", "get-sum", 0)]
    public void Distance_TwoStrings_CountsEditsWithSwapsAsOne(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggestions.Distance(a, b));
        Assert.Equal(expected, Suggestions.Distance(b, a));
    }

    [Theory]
    [InlineData("dependson", "dependsOn")]
    [InlineData("get-sun", "get-sum")]
    [InlineData("everythin", "everything")]
    [InlineData("A", "a")]
    public void DidYouMean_NearName_SuggestsIt(string target, string expected) =>
        Assert.Equal($"; did you mean '{expected}'?", Suggestions.DidYouMean(target, ["a", "dependsOn", "get-sum", "everything", "zzz"]));

    [Theory]
    [InlineData("c")]
    [InlineData("completely-different")]
    public void DidYouMean_NothingClose_SuggestsNothing(string target) =>
        Assert.Equal(string.Empty, Suggestions.DidYouMean(target, ["a", "b", "get-sum"]));

    [Fact]
    public void Closest_Loose_FindsNamesContainingTheTarget() =>
        Assert.Equal(["clickup_api", "clickup_create_task"], Suggestions.Closest("clickup", ["clickup_api", "clickup_create_task", "slack"], loose: true));
}
