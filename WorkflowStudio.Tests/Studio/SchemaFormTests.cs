using System.Text.Json;
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
    [InlineData("filters", "{broken", "\"{broken\"")]
    [InlineData("query", "42", "\"42\"")]
    [InlineData("limit", "{{ inputs.limit }}", "\"{{ inputs.limit }}\"")]
    public void WriteText_ConvertsByKind_KeepsBindingsAndUnparsableTextAsStrings(string name, string text, string expectedJson)
    {
        var field = SchemaForm.Fields(Schema).Single(f => f.Name == name);

        var args = SchemaForm.WriteText(null, field, text);

        Assert.Equal(expectedJson, args.GetProperty(name).GetRawText());
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
