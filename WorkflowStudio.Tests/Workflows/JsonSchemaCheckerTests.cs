using System.Text.Json;
using WorkflowStudio.Engine.Workflows.Schema;

namespace WorkflowStudio.Tests.Workflows;

public sealed class JsonSchemaCheckerTests
{
    private static string[] Check(string schema, string value, bool deferBindings = false) =>
        JsonSchemaChecker.Check(Json(schema), Json(value), "$.args", deferBindings).Select(e => e.ToString()).ToArray();

    private static JsonElement Json(string text) => JsonSerializer.Deserialize<JsonElement>(text);

    [Theory]
    [InlineData("""{ "type": "number" }""", "\"x\"", "$.args: expected number, got string \"x\"")]
    [InlineData("""{ "type": "integer" }""", "1.5", "$.args: expected integer, got number 1.5")]
    [InlineData("""{ "type": ["string", "null"] }""", "3", "$.args: expected string or null, got number 3")]
    [InlineData("""{ "type": ["string", "number", "null"] }""", "true", "$.args: expected string, number or null, got boolean true")]
    [InlineData("""{ "type": "object" }""", "[1]", "$.args: expected object, got array of 1 item(s)")]
    [InlineData("""{ "enum": ["fast", "slow"] }""", "\"medium\"", "$.args: must be one of \"fast\", \"slow\"; got \"medium\"")]
    [InlineData("""{ "const": 42 }""", "41", "$.args: must be 42; got 41")]
    [InlineData("""{ "minimum": 1 }""", "0", "$.args: must be at least 1, got 0")]
    [InlineData("""{ "maximum": 10 }""", "10.5", "$.args: must be at most 10, got 10.5")]
    [InlineData("""{ "exclusiveMinimum": 0 }""", "0", "$.args: must be greater than 0, got 0")]
    [InlineData("""{ "exclusiveMaximum": 5 }""", "5", "$.args: must be less than 5, got 5")]
    [InlineData("""{ "minimum": 0, "exclusiveMinimum": true }""", "0", "$.args: must be greater than 0, got 0")]
    [InlineData("""{ "minLength": 3 }""", "\"ab\"", "$.args: must be at least 3 character(s) long, got 2")]
    [InlineData("""{ "maxLength": 2 }""", "\"héé\"", "$.args: must be at most 2 character(s) long, got 3")]
    [InlineData("""{ "pattern": "^[a-z]+$" }""", "\"ABC\"", "$.args: must match the pattern '^[a-z]+$'; got \"ABC\"")]
    [InlineData("""{ "minItems": 1 }""", "[]", "$.args: must have at least 1 item(s), got 0")]
    [InlineData("""{ "maxItems": 1 }""", "[1, 2]", "$.args: must have at most 1 item(s), got 2")]
    [InlineData("""{ "uniqueItems": true }""", "[1, 2, 1.0]", "$.args: items [0] and [2] are equal; items must be unique")]
    [InlineData("""{ "items": { "type": "string" } }""", "[\"a\", 2]", "$.args[1]: expected string, got number 2")]
    [InlineData("""{ "prefixItems": [ { "type": "string" } ], "items": false }""", "[\"a\", 2]", "$.args[1]: no value is allowed here, got number 2")]
    [InlineData("""{ "items": [ { "type": "string" } ], "additionalItems": { "type": "string" } }""", "[\"a\", 2]", "$.args[1]: expected string, got number 2")]
    [InlineData("""{ "required": ["a"] }""", "{}", "$.args: missing required property 'a'")]
    [InlineData("""{ "properties": { "a": { "type": "number" } } }""", """{ "a": "x" }""", "$.args.a: expected number, got string \"x\"")]
    [InlineData("""{ "properties": { "count": {} }, "additionalProperties": false }""", """{ "cuont": 1 }""", "$.args.cuont: unknown property; did you mean 'count'?")]
    [InlineData("""{ "properties": { "a": {} }, "additionalProperties": false }""", """{ "zzz": 1 }""", "$.args.zzz: unknown property (allowed: a)")]
    [InlineData("""{ "additionalProperties": { "type": "integer" } }""", """{ "n": 0.5 }""", "$.args.n: expected integer, got number 0.5")]
    [InlineData("""{ "patternProperties": { "^x-": { "type": "string" } }, "additionalProperties": false }""", """{ "x-a": 1 }""", "$.args.x-a: expected string, got number 1")]
    [InlineData("""{ "propertyNames": { "maxLength": 2 } }""", """{ "abc": 1 }""", "$.args.abc: property name 'abc': must be at most 2 character(s) long, got 3")]
    [InlineData("""{ "minProperties": 1 }""", "{}", "$.args: must have at least 1 property, got 0")]
    [InlineData("""{ "not": { "type": "null" } }""", "null", "$.args: must not match the schema under 'not', got null")]
    [InlineData("""{ "if": { "properties": { "kind": { "const": "pdf" } } }, "then": { "required": ["pages"] } }""", """{ "kind": "pdf" }""", "$.args: missing required property 'pages'")]
    [InlineData("false", "1", "$.args: no value is allowed here, got number 1")]
    [InlineData("""{ "$ref": "#/$defs/n", "$defs": { "n": { "type": "number" } } }""", "\"x\"", "$.args: expected number, got string \"x\"")]
    [InlineData("""{ "properties": { "a": { "$ref": "#/definitions/n" } }, "definitions": { "n": { "maximum": 1 } } }""", """{ "a": 2 }""", "$.args.a: must be at most 1, got 2")]
    [InlineData("""{ "properties": { "a b": { "type": "string" } } }""", """{ "a b": 2 }""", "$.args[\"a b\"]: expected string, got number 2")]
    public void Check_KeywordViolated_ReportsOnePreciseError(string schema, string value, string expected) =>
        Assert.Equal([expected], Check(schema, value));

    [Theory]
    [InlineData("""{ "type": "integer" }""", "2.0")]
    [InlineData("""{ "type": "integer" }""", "1e3")]
    [InlineData("""{ "enum": [1, "a"] }""", "1.0")]
    [InlineData("""{ "format": "email", "x-unknown": 1 }""", "\"not an email\"")]
    [InlineData("""{ "$ref": "https://example.com/remote.json" }""", "1")]
    [InlineData("""{ "pattern": "([" }""", "\"x\"")]
    [InlineData("true", "{}")]
    [InlineData("""{ "anyOf": [ { "type": "string" }, { "type": "number" } ] }""", "3")]
    [InlineData("""{ "oneOf": [ { "type": "string" }, { "type": "number" } ] }""", "3")]
    public void Check_ValueAccepted_ReportsNothing(string schema, string value) =>
        Assert.Empty(Check(schema, value));

    [Fact]
    public void Check_SeveralProblems_ReportsEachOnce()
    {
        var errors = Check("""
            { "type": "object", "required": ["a", "b"],
              "properties": { "a": { "type": "number" }, "c": { "enum": ["x"] }, "d": { "type": "array", "items": { "type": "string" } } } }
            """, """{ "a": "1", "c": "y", "d": [1, "ok", false] }""");

        Assert.Equal(
        [
            "$.args: missing required property 'b'",
            "$.args.a: expected number, got string \"1\"",
            "$.args.c: must be one of \"x\"; got \"y\"",
            "$.args.d[0]: expected string, got number 1",
            "$.args.d[2]: expected string, got boolean false",
        ], errors);
    }

    [Fact]
    public void Check_AnyOfWithOneBranchOfTheRightType_ReportsThatBranchsErrors() =>
        Assert.Equal(["$.args: missing required property 'a'"],
            Check("""{ "anyOf": [ { "type": "string" }, { "type": "object", "required": ["a"] } ] }""", "{}"));

    [Fact]
    public void Check_AnyOfWithNoBranchOfTheRightType_SumsUpEveryBranch() =>
        Assert.Equal(["$.args: matches none of the 2 anyOf alternatives, got boolean true: [1] expected string, got boolean true; [2] expected number, got boolean true"],
            Check("""{ "anyOf": [ { "type": "string" }, { "type": "number" } ] }""", "true"));

    [Fact]
    public void Check_OneOfMatchingTwice_SaysWhichAlternativesMatched() =>
        Assert.Equal(["$.args: matches 2 of the oneOf alternatives (1, 2); it must match exactly one"],
            Check("""{ "oneOf": [ { "type": "number" }, { "minimum": 0 } ] }""", "3"));

    [Fact]
    public void Check_AllOf_ReportsEveryFailingBranch() =>
        Assert.Equal(["$.args: must be at least 5, got 3", "$.args: must be one of 7; got 3"],
            Check("""{ "allOf": [ { "minimum": 5 }, { "enum": [7] } ] }""", "3"));

    [Fact]
    public void Check_BoundValuesWithDeferredBindings_AreNotTypeCheckedButCountAsPresent()
    {
        const string schema = """{ "type": "object", "required": ["n", "s"], "properties": { "n": { "type": "number" }, "s": { "enum": ["a"] } } }""";
        const string value = """{ "n": "{{ inputs.n }}", "s": "x {{ steps.a.output }}" }""";

        Assert.Empty(Check(schema, value, deferBindings: true));
        Assert.Equal(2, Check(schema, value, deferBindings: false).Length);
    }

    [Fact]
    public void Check_SelfReferencingSchema_TerminatesAndChecksNestedValues()
    {
        const string schema = """{ "$defs": { "tree": { "type": "object", "properties": { "children": { "type": "array", "items": { "$ref": "#/$defs/tree" } }, "v": { "type": "number" } } } }, "$ref": "#/$defs/tree" }""";

        Assert.Equal(["$.args.children[0].children[0].v: expected number, got string \"x\""],
            Check(schema, """{ "children": [ { "children": [ { "v": "x" } ] } ] }"""));
    }

    [Fact]
    public void Check_InfiniteRefLoop_Terminates() =>
        Assert.Empty(Check("""{ "$defs": { "a": { "$ref": "#/$defs/a" } }, "$ref": "#/$defs/a" }""", "1"));
}
