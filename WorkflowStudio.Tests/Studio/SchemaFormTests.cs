using System.Text.Json;
using WorkflowStudio.Engine.Workflows;
using WorkflowStudio.Web.Studio;

namespace WorkflowStudio.Tests.Studio;

public sealed class SchemaFormTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "query": { "type": "string", "description": "What to search" },
            "limit": { "type": "integer", "default": 10 },
            "ratio": { "type": ["number", "null"] },
            "exact": { "type": "boolean" },
            "mode": { "type": "string", "enum": ["fast", "deep"] },
            "filters": { "type": "object" },
            "anything": {}
          },
          "required": ["mode", "query"]
        }
        """).RootElement.Clone();

    [Fact]
    public void Fields_TypedSchema_MapsKindsRequiredFirstInSchemaOrder()
    {
        var fields = SchemaForm.Fields(Schema);

        Assert.Equal(["query", "mode", "limit", "ratio", "exact", "filters", "anything"], fields.Select(f => f.Name));
        var byName = fields.ToDictionary(f => f.Name);
        Assert.Equal(SchemaFieldKind.String, byName["query"].Kind);
        Assert.True(byName["query"].Required);
        Assert.Equal("What to search", byName["query"].Description);
        Assert.Equal(SchemaFieldKind.Integer, byName["limit"].Kind);
        Assert.Equal("10", byName["limit"].DefaultJson);
        Assert.Equal(SchemaFieldKind.Number, byName["ratio"].Kind);
        Assert.Equal(SchemaFieldKind.Boolean, byName["exact"].Kind);
        Assert.Equal(SchemaFieldKind.Enum, byName["mode"].Kind);
        Assert.Equal(["\"fast\"", "\"deep\""], byName["mode"].EnumValues);
        Assert.Equal(SchemaFieldKind.Json, byName["filters"].Kind);
        Assert.Equal(SchemaFieldKind.Json, byName["anything"].Kind);
    }

    [Fact]
    public void Fields_NoProperties_IsEmpty() =>
        Assert.Empty(SchemaForm.Fields(JsonDocument.Parse("""{ "type": "object" }""").RootElement));

    [Theory]
    [InlineData("limit", "25", "25")]
    [InlineData("limit", "2.5", "\"2.5\"")]
    [InlineData("ratio", "0.75", "0.75")]
    [InlineData("exact", "true", "true")]
    [InlineData("mode", "\"deep\"", "\"deep\"")]
    [InlineData("filters", "{\"a\":1}", "{\"a\":1}")]
    [InlineData("filters", "[1, \"two\"]", "[1,\"two\"]")]
    [InlineData("anything", "2.50", "2.50")]
    [InlineData("anything", "\"42\"", "\"42\"")]
    [InlineData("anything", " {{ steps.echo.output }} ", "\"{{ steps.echo.output }}\"")]
    [InlineData("query", "42", "\"42\"")]
    [InlineData("limit", "{{ inputs.limit }}", "\"{{ inputs.limit }}\"")]
    public void WriteText_ConvertsByKind_KeepsBindingsAndUnparsableTextAsStrings(string name, string text, string expectedJson)
    {
        var field = SchemaForm.Fields(Schema).Single(f => f.Name == name);

        var args = SchemaForm.WriteText(null, field, text);

        Assert.Equal(expectedJson, args.GetProperty(name).GetRawText());
    }

    [Theory]
    [InlineData("anything")]
    [InlineData("filters")]
    public void WriteText_JoinWithBindingsInAJsonField_KeepsAnObjectWhoseValuesAreBindings(string name)
    {
        var field = SchemaForm.Fields(Schema).Single(f => f.Name == name);

        var args = SchemaForm.WriteText(null, field,
            """{"a": "{{ steps.echo.output }}", "b": "{{ steps.echo_2.output.n }}", "n": 3, "list": [true, null]}""");

        var value = args.GetProperty(name);
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        Assert.Equal("{{ steps.echo.output }}", value.GetProperty("a").GetString());
        Assert.Equal("{{ steps.echo_2.output.n }}", value.GetProperty("b").GetString());
        Assert.Equal(3, value.GetProperty("n").GetInt32());
        Assert.Equal("[true,null]", value.GetProperty("list").GetRawText());
    }

    [Theory]
    [InlineData("{\"a\": }", "line 1, position 7")]
    [InlineData("{\n  \"a\": 1,\n  \"b\" 2\n}", "line 3")]
    [InlineData("hello", "line 1, position 1")]
    [InlineData("rows: {{ steps.a.output }}", "line 1, position 1")]
    public void TryWriteText_InvalidJsonInAJsonField_RefusesWithWhereAndWhat_AndKeepsTheArgs(string text, string where)
    {
        var field = SchemaForm.Fields(Schema).Single(f => f.Name == "anything");
        var args = JsonDocument.Parse("""{ "anything": {"kept": 1} }""").RootElement;

        Assert.False(SchemaForm.TryWriteText(args, field, text, out _, out var error));

        Assert.NotNull(error);
        Assert.Contains("'anything'", error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error, StringComparison.Ordinal);
        Assert.Contains(where, error, StringComparison.Ordinal);
        Assert.Contains("not changed", error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => SchemaForm.WriteText(args, field, text));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void ReadText_JsonAndEnumFields_ShowJson_SoAnEditKeepsTheType()
    {
        var fields = SchemaForm.Fields(Schema).ToDictionary(f => f.Name);
        var args = JsonDocument.Parse("""
            { "anything": "42", "filters": "{{ steps.a.output }}", "mode": "deep", "query": "plain", "limit": 5 }
            """).RootElement;

        Assert.Equal("\"42\"", SchemaForm.ReadText(args, fields["anything"]));
        Assert.Equal("{{ steps.a.output }}", SchemaForm.ReadText(args, fields["filters"]));
        Assert.Equal("\"deep\"", SchemaForm.ReadText(args, fields["mode"]));
        Assert.Contains(SchemaForm.ReadText(args, fields["mode"]), fields["mode"].EnumValues);
        Assert.Equal("plain", SchemaForm.ReadText(args, fields["query"]));
        Assert.Equal("5", SchemaForm.ReadText(args, fields["limit"]));
        // Read and written back unchanged, every value keeps its JSON type.
        foreach (var name in new[] { "anything", "filters", "mode", "query", "limit" })
        {
            var rewritten = SchemaForm.WriteText(args, fields[name], SchemaForm.ReadText(args, fields[name]));
            Assert.Equal(args.GetProperty(name).GetRawText(), rewritten.GetProperty(name).GetRawText());
        }
    }

    [Fact]
    public void WriteText_AnotherFieldOfALoadedWorkflow_SavesTheTypedArgsUnchanged()
    {
        var loaded = WorkflowJson.Parse("""
            { "name": "join",
              "nodes": [
                { "id": "echo", "tool": "builtin/echo" },
                { "id": "find", "tool": "docs/search",
                  "args": { "query": "old", "filters": { "a": "{{ steps.echo.output }}", "b": 2.50, "c": [true, null, { "d": "x" }] },
                            "anything": "{{ steps.echo.output }}", "limit": 3 } } ] }
            """).Workflow!;
        var editor = new WorkflowEditor(loaded);
        var before = JsonDocument.Parse(WorkflowJson.Serialize(editor.Workflow)).RootElement.GetProperty("nodes")[1].GetProperty("args");
        var node = editor.Workflow.FindNode("find")!;

        var query = SchemaForm.Fields(Schema).Single(f => f.Name == "query");
        editor.UpdateNode("find", node with { Args = SchemaForm.WriteText(node.Args, query, "new") });

        var after = JsonDocument.Parse(WorkflowJson.Serialize(editor.Workflow)).RootElement.GetProperty("nodes")[1].GetProperty("args");
        Assert.Equal("new", after.GetProperty("query").GetString());
        foreach (var name in new[] { "filters", "anything", "limit" })
        {
            Assert.Equal(before.GetProperty(name).GetRawText(), after.GetProperty(name).GetRawText());
        }
        Assert.Equal(["query", "filters", "anything", "limit"], after.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Object, after.GetProperty("filters").ValueKind);
        Assert.Contains("2.50", after.GetProperty("filters").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteText_JsonTextInAStringField_StaysAString()
    {
        var field = SchemaForm.Fields(Schema).Single(f => f.Name == "query");
        const string Text = """{"a": "{{ steps.echo.output }}"}""";

        var args = SchemaForm.WriteText(null, field, Text);

        Assert.Equal(JsonValueKind.String, args.GetProperty("query").ValueKind);
        Assert.Equal(Text, args.GetProperty("query").GetString());
    }

    [Fact]
    public void WriteText_Empty_RemovesTheProperty_AndKeepsTheOthers()
    {
        var field = SchemaForm.Fields(Schema).Single(f => f.Name == "limit");
        var args = JsonDocument.Parse("""{ "query": "x", "limit": 3 }""").RootElement;

        var updated = SchemaForm.WriteText(args, field, "");

        Assert.Equal("""{"query":"x"}""", updated.GetRawText());
    }

    [Fact]
    public void ReadText_StringsRawOthersAsJson()
    {
        var args = JsonDocument.Parse("""{ "query": "hello", "filters": {"a": 1} }""").RootElement;

        Assert.Equal("hello", SchemaForm.ReadText(args, "query"));
        Assert.Equal("""{"a": 1}""", SchemaForm.ReadText(args, "filters"));
        Assert.Equal(string.Empty, SchemaForm.ReadText(args, "missing"));
    }
}
