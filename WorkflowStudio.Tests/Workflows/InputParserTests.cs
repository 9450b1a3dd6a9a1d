using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Workflows;

public sealed class InputParserTests
{
    private static readonly WorkflowDefinition Workflow = WorkflowJson.Parse("""
        { "name": "t", "inputs": {
            "period": { "type": "string", "default": "Q3_2024" }, "n": { "type": "integer" }, "ratio": { "type": "number" },
            "dry": { "type": "boolean", "default": false }, "cfg": { "type": "object" }, "ids": { "type": "array" } },
          "nodes": [ { "id": "a", "tool": "builtin/echo" } ] }
        """).Workflow!;

    [Fact]
    public void Parse_TypedValues_BecomeJsonOfTheDeclaredType()
    {
        var result = InputParser.Parse(Workflow, ["period=Q4 = best", "n=3", "ratio=2.5", "cfg={\"a\": [1]}", "ids=[1,2]"]);

        Assert.Empty(result.Errors);
        Assert.Equal("Q4 = best", result.Values["period"].GetString());
        Assert.Equal(3, result.Values["n"].GetInt32());
        Assert.Equal(2.5, result.Values["ratio"].GetDouble());
        Assert.Equal(1, result.Values["cfg"].GetProperty("a")[0].GetInt32());
        Assert.Equal(2, result.Values["ids"].GetArrayLength());
        Assert.Equal(JsonValueKind.False, result.Values["dry"].ValueKind); // default applied
    }

    [Fact]
    public void Parse_StringInput_KeepsTextThatLooksLikeJson() =>
        Assert.Equal("42", InputParser.Parse(Workflow, ["period=42"]).Values["period"].GetString());

    [Fact]
    public void Parse_NothingGiven_AppliesOnlyDefaults() =>
        Assert.Equal(["period", "dry"], InputParser.Parse(Workflow, []).Values.Keys);

    [Theory]
    [InlineData("n=abc", "--input n=abc: expected an integer such as 3, but the value is not valid JSON at character 1")]
    [InlineData("n=2.5", "--input n=2.5: expected an integer such as 3, got number 2.5")]
    [InlineData("ratio=\"2\"", "--input ratio=\"2\": expected a number such as 3 or 2.5, got string \"2\"")]
    [InlineData("dry=yes", "--input dry=yes: expected true or false, but the value is not valid JSON at character 1")]
    [InlineData("cfg={\"a\":", "--input cfg={\"a\":: expected a JSON object such as {\"a\":1}, but the value is not valid JSON at character 6")]
    [InlineData("ids={}", "--input ids={}: expected a JSON array such as [1,2], got object")]
    [InlineData("novalue", "--input novalue: expected NAME=VALUE, e.g. --input period=Q3_2024")]
    public void Parse_BadValue_ReportsWhatWasExpected(string assignment, string expected) =>
        Assert.Equal(expected, Assert.Single(InputParser.Parse(Workflow, [assignment]).Errors).ToString());

    [Fact]
    public void Parse_SameNameTwice_IsAnError() =>
        Assert.Equal("--input n=2: input 'n' is given more than once; keep one", Assert.Single(InputParser.Parse(Workflow, ["n=1", "n=2"]).Errors).ToString());

    [Fact]
    public async Task Parse_UndeclaredName_IsKeptForTheValidatorToReport()
    {
        var parsed = InputParser.Parse(Workflow, ["foo=1", "n=1"]);

        var errors = await WorkflowValidator.ValidateAsync(Workflow, InMemoryToolCatalog.WithBuiltins(), parsed.Values, CancellationToken.None);

        Assert.Contains(errors, e => e.ToString() == "--input foo=...: the workflow declares no input 'foo' (it has: period, n, ratio, dry, cfg, ids)");
        Assert.Contains(errors, e => e.ToString() == "$.inputs.ratio: required input 'ratio' was not given: pass --input ratio=VALUE");
    }
}
