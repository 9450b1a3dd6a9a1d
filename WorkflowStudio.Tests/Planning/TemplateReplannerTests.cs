using System.Text.Json;
using WorkflowStudio.Engine.Planning;
using WorkflowStudio.Engine.Tools;
using WorkflowStudio.Engine.Workflows;

namespace WorkflowStudio.Tests.Planning;

/// <summary>Offline re-planning: substitute a tool that takes the same arguments, or drop the failed branch, honestly.</summary>
public sealed class TemplateReplannerTests
{
    private static ToolDescriptor Tool(string server, string name, string description, string schema, bool destructive = false) => new()
    {
        Server = server, Name = name, Description = description,
        InputSchema = JsonSerializer.Deserialize<JsonElement>(schema),
        Annotations = new ToolAnnotations { Destructive = destructive },
    };

    private const string CitySchema = """{ "type": "object", "properties": { "city": { "type": "string" } }, "required": ["city"] }""";

    private static StaticToolCatalog Catalog(bool withBackup) => new(new[]
    {
        Tool("weather", "forecast_lookup", "Looks up the weather forecast of a city.", CitySchema),
        Tool("weather", "forecast_lookup_backup", "Looks up the weather forecast of a city from the backup provider.", CitySchema),
        Tool("news", "headlines", "Latest news headlines of a city.", CitySchema),
        Tool("builtin", "echo", "Returns its input.", """{ "type": "object", "properties": { "value": {} } }"""),
    }.Where(t => withBackup || t.Name != "forecast_lookup_backup"));

    private static readonly WorkflowDefinition Ran = WorkflowJson.Parse("""
        { "name": "city-brief", "nodes": [
            { "id": "news", "tool": "news/headlines", "args": { "city": "Oslo" } },
            { "id": "forecast", "tool": "weather/forecast_lookup", "args": { "city": "Oslo" } },
            { "id": "brief", "tool": "builtin/echo", "args": { "value": "{{ steps.forecast.output }}" } },
            { "id": "headline_digest", "tool": "builtin/echo", "args": { "value": "{{ steps.news.output }}" } } ],
          "output": "{{ steps.brief.output }}" }
        """).Workflow!;

    private static ReplanRequest Request(params string[] succeeded) => new()
    {
        Workflow = Ran,
        SucceededOutputs = succeeded.ToDictionary(id => id, _ => JsonSerializer.SerializeToElement(new { ok = true })),
        FailedNode = "forecast",
        Error = "weather/forecast_lookup returned an error: provider down",
        Revision = 2,
    };

    [Fact]
    public async Task ReplanAsync_AnotherToolTakesTheSameArguments_SubstitutesItUnderTheSameId()
    {
        await using var host = await PlanningHost.StartAsync(Catalog(withBackup: true), new StaticTemplateCatalog([]));

        var result = await host.Replanner.ReplanAsync(Request("news"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal("weather/forecast_lookup_backup", result.Workflow!.FindNode("forecast")!.Tool);
        Assert.Equal(["forecast", "brief", "headline_digest"], result.PendingNodes);
        Assert.Equal("forecast: tool", Assert.Single(result.Diff!.Changed) is var c ? $"{c.Id}: {string.Join(",", c.Fields)}" : "");
        Assert.Equal(2, result.Revision);
        Assert.Contains("substituted 'weather/forecast_lookup_backup'", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplanAsync_NoSubstitute_DropsTheFailedNodeAndItsDependantsAndKeepsTheOtherBranch()
    {
        await using var host = await PlanningHost.StartAsync(Catalog(withBackup: false), new StaticTemplateCatalog([]));

        var result = await host.Replanner.ReplanAsync(Request("news"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(["forecast", "brief"], result.Diff!.Removed);
        Assert.Equal(["headline_digest"], result.PendingNodes);
        Assert.Null(result.Workflow!.Output);
        Assert.Contains("dependants brief, which need its output", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("output bound to a dropped node", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplanAsync_NothingLeftToRun_FailsHonestly()
    {
        await using var host = await PlanningHost.StartAsync(Catalog(withBackup: false), new StaticTemplateCatalog([]));

        var result = await host.Replanner.ReplanAsync(Request("news", "headline_digest"));

        Assert.False(result.Succeeded);
        Assert.Contains("cannot repair node 'forecast'", Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.Contains("leaves nothing to run", result.Errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", new string[0], "The failed node 'nope' is not in workflow 'city-brief'.")]
    [InlineData("forecast", new[] { "forecast" }, "Node 'forecast' is listed both as failed and as succeeded.")]
    [InlineData("forecast", new[] { "ghost" }, "Succeeded node 'ghost' not in workflow 'city-brief'.")]
    public async Task ReplanAsync_InconsistentRequest_IsRejected(string failed, string[] succeeded, string error)
    {
        await using var host = await PlanningHost.StartAsync(Catalog(withBackup: true), new StaticTemplateCatalog([]));

        var result = await host.Replanner.ReplanAsync(Request(succeeded) with { FailedNode = failed });

        Assert.Equal(error, Assert.Single(result.Errors));
    }
}
