using System.Text.Json;
using WorkflowStudio.Engine.Workflows.Bindings;

namespace WorkflowStudio.Tests.Workflows;

public sealed class BindingEvaluatorTests
{
    private sealed class Scope : IBindingScope
    {
        public Dictionary<string, JsonElement> Inputs { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, NodeSnapshot> Steps { get; } = new(StringComparer.Ordinal);

        public bool TryGetInput(string name, out JsonElement value) => Inputs.TryGetValue(name, out value);

        public bool TryGetNode(string id, out NodeSnapshot snapshot) => Steps.TryGetValue(id, out snapshot!);
    }

    private static JsonElement Json(string text) => JsonSerializer.Deserialize<JsonElement>(text);

    private readonly Scope _scope = new()
    {
        Inputs = { ["period"] = Json("\"Q3\""), ["n"] = Json("3") },
        Steps =
        {
            ["extract"] = new NodeSnapshot("success", Json("""{ "rows": [ { "total": 12.5, "tags": ["a"] } ], "ok": true, "a b": 1 }"""), null, 2),
            ["failed"] = new NodeSnapshot("error", null, "boom", 3),
        },
    };

    [Theory]
    [InlineData("{{ inputs.n }}", "3")]
    [InlineData("{{ steps.extract.output.rows[0].total }}", "12.5")]
    [InlineData("{{ steps.extract.output.rows[0] }}", """{"total":12.5,"tags":["a"]}""")]
    [InlineData("{{ steps.extract.output.ok }}", "true")]
    [InlineData("{{ steps.extract.output[\"a b\"] }}", "1")]
    [InlineData("{{ steps.failed.status }}", "\"error\"")]
    [InlineData("{{ steps.failed.error }}", "\"boom\"")]
    [InlineData("{{ steps.failed.attempts }}", "3")]
    [InlineData("Total for {{ inputs.period }}: {{ steps.extract.output.rows[0].total }}", "\"Total for Q3: 12.5\"")]
    [InlineData("tags={{ steps.extract.output.rows[0] }}", "\"tags={\\\"total\\\":12.5,\\\"tags\\\":[\\\"a\\\"]}\"")]
    [InlineData("no bindings", "\"no bindings\"")]
    public void ResolveString_Binding_KeepsTypeWhenAloneAndInterpolatesOtherwise(string text, string expected)
    {
        var resolved = BindingEvaluator.ResolveString(text, _scope);

        Assert.True(JsonElement.DeepEquals(Json(expected), resolved), $"expected {expected}, got {resolved.GetRawText()}");
    }

    [Fact]
    public void Resolve_NestedValue_ReplacesEveryBindingAndRecordsThem()
    {
        var used = new List<string>();

        var resolved = BindingEvaluator.Resolve(Json("""{ "a": "{{ inputs.n }}", "b": ["x {{ inputs.period }}", 1], "c": { "d": "{{ steps.extract.output.ok }}" } }"""), _scope, used);

        Assert.Equal("""{"a":3,"b":["x Q3",1],"c":{"d":true}}""", resolved.GetRawText());
        Assert.Equal(["inputs.n", "inputs.period", "steps.extract.output.ok"], used);
    }

    [Theory]
    [InlineData("inputs.nope", "inputs.nope: the run has no input 'nope'")]
    [InlineData("steps.later.output", "steps.later.output: node 'later' has not finished (add it to dependsOn)")]
    [InlineData("steps.failed.output", "steps.failed.output: node 'failed' has no output (status error)")]
    [InlineData("steps.extract.output.rows[5]", "steps.extract.output.rows[5]: steps.extract.output.rows has 1 items, no [5]")]
    [InlineData("steps.extract.output.rows.total", "steps.extract.output.rows.total: steps.extract.output.rows is an array, not an object with 'total'")]
    [InlineData("steps.extract.output.ok[0]", "steps.extract.output.ok[0]: steps.extract.output.ok is a boolean, not an array")]
    [InlineData("steps.extract.output.missing", "steps.extract.output.missing: steps.extract.output has no 'missing' (it has: rows, ok, a b)")]
    public void Evaluate_UnresolvablePath_ThrowsWithAPreciseMessage(string expression, string expected) =>
        Assert.Equal(expected, Assert.Throws<BindingException>(() => BindingEvaluator.Evaluate(expression, _scope)).Message);

    [Theory]
    [InlineData("false", false)]
    [InlineData("null", false)]
    [InlineData("0", false)]
    [InlineData("0.0", false)]
    [InlineData("\"\"", false)]
    [InlineData("\"  \"", false)]
    [InlineData("\"false\"", false)]
    [InlineData("\"FALSE\"", false)]
    [InlineData("\"0\"", false)]
    [InlineData("\"no\"", false)]
    [InlineData("[]", false)]
    [InlineData("true", true)]
    [InlineData("-1", true)]
    [InlineData("\"yes\"", true)]
    [InlineData("\"0.0\"", true)]
    [InlineData("[0]", true)]
    [InlineData("{}", true)]
    public void IsTruthy_Value_FollowsTheDocumentedRules(string json, bool expected) =>
        Assert.Equal(expected, BindingEvaluator.IsTruthy(Json(json)));
}
