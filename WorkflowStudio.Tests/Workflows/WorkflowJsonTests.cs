using System.Text;
using System.Text.Json;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Workflows;

public sealed class WorkflowJsonTests
{
    private const string Full = """
        {
          // comments and trailing commas are allowed
          "name": "q3-report",
          "description": "Quarterly report",
          "inputs": {
            "period": { "type": "string", "default": "Q3_2024", "description": "Which quarter" },
            "n": { "type": "integer" },
          },
          "nodes": [
            { "id": "check", "tool": "builtin/echo", "args": { "message": "ok" } },
            { "id": "extract", "description": "Sum it", "tool": "everything/get-sum", "args": { "a": 1, "b": "{{ inputs.n }}" },
              "dependsOn": ["check"], "timeoutSeconds": 60,
              "retry": { "maxAttempts": 3, "backoffSeconds": 0.5, "backoffMultiplier": 2, "unsafe": true },
              "fallback": { "tool": "builtin/echo", "args": { "message": "fallback" } },
              "when": "{{ steps.check.output.ok }}", "continueOnError": true }
          ],
          "output": "{{ steps.extract.output }}"
        }
        """;

    [Fact]
    public void Parse_FullExample_ReadsEveryField()
    {
        var result = WorkflowJson.Parse(Full);

        Assert.Empty(result.Errors);
        var workflow = result.Workflow!;
        Assert.Equal("q3-report", workflow.Name);
        Assert.Equal("Quarterly report", workflow.Description);
        Assert.Equal(["period", "n"], workflow.Inputs.Keys);
        Assert.Equal("Q3_2024", workflow.Inputs["period"].Default!.Value.GetString());
        Assert.True(workflow.Inputs["n"].IsRequired);
        Assert.Equal("integer", workflow.Inputs["n"].Type);
        var extract = workflow.Nodes[1];
        Assert.Equal("extract", extract.Id);
        Assert.Equal("Sum it", extract.Description);
        Assert.Equal("everything/get-sum", extract.Tool);
        Assert.Equal("{{ inputs.n }}", extract.Args!.Value.GetProperty("b").GetString());
        Assert.Equal(["check"], extract.DependsOn);
        Assert.Equal(60, extract.TimeoutSeconds);
        Assert.Equal(new RetryPolicy { MaxAttempts = 3, BackoffSeconds = 0.5, BackoffMultiplier = 2, Unsafe = true }, extract.Retry);
        Assert.Equal("builtin/echo", extract.Fallback!.Tool);
        Assert.Equal("{{ steps.check.output.ok }}", extract.When);
        Assert.True(extract.ContinueOnError);
        Assert.Equal("{{ steps.extract.output }}", workflow.Output!.Value.GetString());
        Assert.Equal(WorkflowLoadResult.WorkflowFormat, result.Format);
    }

    [Fact]
    public void Parse_UnknownProperty_SuggestsTheClosestName()
    {
        var result = WorkflowJson.Parse("""{ "name": "x", "nodes": [ { "id": "a", "tool": "s/t" }, { "id": "b", "tool": "s/t", "dependson": ["a"] } ] }""");

        Assert.Null(result.Workflow);
        Assert.Equal("$.nodes[1].dependson: unknown property; did you mean 'dependsOn'?", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Parse_UnknownPropertyWithoutNearName_ListsAllowedNames()
    {
        var error = Assert.Single(WorkflowJson.Parse("""{ "name": "x", "nodes": [], "zzzzzzz": 1 }""").Errors);

        Assert.Equal("$.zzzzzzz", error.Path);
        Assert.StartsWith("unknown property (allowed: $schema, name, description, inputs, nodes, output, onFailure, maxReplans)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralWrongTypes_ReportsAllWithTheirPaths()
    {
        var result = WorkflowJson.Parse("""
            { "name": 3, "inputs": { "p": { "type": true } },
              "nodes": [ { "id": "a", "tool": "s/t", "args": [1], "dependsOn": "b", "timeoutSeconds": "10",
                           "retry": { "maxAttempts": 1.5, "unsafe": "yes" }, "continueOnError": 1, "Tool": "x" } ] }
            """);

        Assert.Null(result.Workflow);
        Assert.Equal(
        [
            "$.name: expected string, got number 3",
            "$.inputs.p.type: expected string, got boolean true",
            "$.nodes[0].args: expected object, got array of 1 item(s)",
            "$.nodes[0].dependsOn: expected array, got string \"b\"",
            "$.nodes[0].timeoutSeconds: expected number, got string \"10\"",
            "$.nodes[0].retry.maxAttempts: expected integer, got number 1.5",
            "$.nodes[0].retry.unsafe: expected boolean, got string \"yes\"",
            "$.nodes[0].continueOnError: expected boolean, got number 1",
            "$.nodes[0].Tool: unknown property; did you mean 'tool'?",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("{ \"name\": \"x\",\n  \"nodes\": [ }", 2, 14)]
    [InlineData("{ \"name\": \"x\" \"nodes\": [] }", 1, 15)]
    [InlineData("{ \"name\": \"héllo\", ]", 1, 20)]
    [InlineData("{ \"name\": \"x\"", 1, 14)]
    public void Parse_InvalidJson_ReportsOneBasedLineAndCharacterColumn(string json, int line, int column)
    {
        var error = Assert.Single(WorkflowJson.Parse(json).Errors);

        Assert.Equal("$", error.Path);
        Assert.StartsWith($"invalid JSON at line {line}, column {column}: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_EmptyDocument_SaysSo(string json) =>
        Assert.Equal("$: the document is empty; expected a JSON object", Assert.Single(WorkflowJson.Parse(json).Errors).ToString());

    [Fact]
    public void Parse_DuplicateProperty_IsAnError() =>
        Assert.Equal("$.name: duplicate property 'name'; keep one",
            Assert.Single(WorkflowJson.Parse("""{ "name": "a", "name": "b", "nodes": [] }""").Errors).ToString());

    [Fact]
    public void Parse_IntegralNumberForInteger_IsAccepted() =>
        Assert.Equal(2, WorkflowJson.Parse("""{ "name": "a", "nodes": [ { "id": "a", "tool": "s/t", "retry": { "maxAttempts": 2.0 } } ] }""")
            .Workflow!.Nodes[0].Retry!.MaxAttempts);

    [Fact]
    public void Parse_MissingNameAndIds_LeavesThemEmptyForTheValidator()
    {
        var result = WorkflowJson.Parse("""{ "nodes": [ { } ] }""");

        Assert.Empty(result.Errors);
        Assert.Equal(string.Empty, result.Workflow!.Name);
        Assert.Equal(string.Empty, result.Workflow.Nodes[0].Id);
    }

    [Fact]
    public void Parse_TooManyNodes_ReportsTheLimit()
    {
        var nodes = string.Join(",", Enumerable.Range(0, WorkflowLimits.MaxNodes + 1).Select(i => $$"""{"id":"n{{i}}","tool":"s/t"}"""));

        var error = Assert.Single(WorkflowJson.Parse($$"""{"name":"big","nodes":[{{nodes}}]}""").Errors);

        Assert.Equal($"$.nodes: {WorkflowLimits.MaxNodes + 1} nodes; the limit is {WorkflowLimits.MaxNodes} (split the workflow)", error.ToString());
    }

    [Fact]
    public void Parse_DocumentOverSizeLimit_IsRejectedBeforeParsing()
    {
        var json = new StringBuilder("{\"name\":\"x\",\"description\":\"").Append('a', WorkflowLimits.MaxJsonBytes).Append("\",\"nodes\":[]}").ToString();

        Assert.StartsWith("$: the document is 4.0 MiB; the limit is 4 MiB", Assert.Single(WorkflowJson.Parse(json).Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_FullExample_RoundTripsUnchanged()
    {
        var first = WorkflowJson.Parse(Full).Workflow!;

        var written = WorkflowJson.Serialize(first);
        var second = WorkflowJson.Parse(written);

        Assert.Empty(second.Errors);
        Assert.Equal(written, WorkflowJson.Serialize(second.Workflow!));
        Assert.Equal(first.Nodes[1].Retry, second.Workflow!.Nodes[1].Retry);
        Assert.Equal(first.Nodes[1].DependsOn, second.Workflow.Nodes[1].DependsOn);
        Assert.True(JsonElement.DeepEquals(first.Nodes[1].Args!.Value, second.Workflow.Nodes[1].Args!.Value));
        Assert.Equal(first.Inputs.Keys, second.Workflow.Inputs.Keys);
    }

    [Fact]
    public void Serialize_MinimalNode_OmitsDefaultsAndKeepsTextReadable()
    {
        var workflow = new WorkflowDefinition
        {
            Name = "mini",
            Nodes = [new WorkflowNode { Id = "a", Tool = "builtin/echo", Args = JsonSerializer.SerializeToElement(new { message = "l'été {{ inputs.x }}" }) }],
        };

        var json = WorkflowJson.Serialize(workflow);

        Assert.Contains("\"message\": \"l'été {{ inputs.x }}\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("retry", json, StringComparison.Ordinal);
        Assert.DoesNotContain("continueOnError", json, StringComparison.Ordinal);
        Assert.DoesNotContain("dependsOn", json, StringComparison.Ordinal);
    }
}
