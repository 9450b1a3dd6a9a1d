using System.Text.Json;
using WorkflowStudio.Engine.Workflows.Bindings;

namespace WorkflowStudio.Tests.Workflows;

public sealed class BindingScannerTests
{
    [Fact]
    public void Scan_NestedValue_FindsEveryBindingWithItsJsonPath()
    {
        var value = JsonSerializer.Deserialize<JsonElement>("""{ "a": "{{ inputs.x }} and {{ steps.s.output }}", "list": [1, "{{ steps.t.status }}"], "odd \"key\"": "{{ inputs.y }}", "plain": "text" }""");

        var found = BindingScanner.Scan(value, "$.args").Select(o => $"{o.JsonPath} {o.Path}").ToArray();

        Assert.Equal(["$.args.a inputs.x", "$.args.a steps.s.output", "$.args.list[1] steps.t.status", "$.args[\"odd \\\"key\\\"\"] inputs.y"], found);
    }

    [Fact]
    public void ScanString_BrokenBinding_ReportsTheError()
    {
        var occurrence = Assert.Single(BindingScanner.ScanString("{{ steps.a }}", "$.when"));

        Assert.Null(occurrence.Path);
        Assert.Equal("'steps.a': after 'steps.a' write .output, .status, .error or .attempts", occurrence.Error);
    }

    [Theory]
    [InlineData("\"{{ inputs.a }}\"", true)]
    [InlineData("\"x {{ y\"", true)]
    [InlineData("\"plain\"", false)]
    [InlineData("3", false)]
    public void IsBound_Value_IsTrueForStringsWithBraces(string json, bool expected) =>
        Assert.Equal(expected, BindingScanner.IsBound(JsonSerializer.Deserialize<JsonElement>(json)));
}
