using WorkflowStudio.Engine.Planning;
using Xunit.Abstractions;

namespace WorkflowStudio.Tests.Planning;

/// <summary>The offline planner on eval-set.json over the built-in tools and gallery; the figures are in docs/planner.md.</summary>
public sealed class PlannerEvaluationTests
{
    private readonly ITestOutputHelper _output;

    public PlannerEvaluationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void EvalSet_HasTheSeedRequestsParaphrasesOfEveryTemplateCompositionsAndFiftyOutOfScope()
    {
        var set = EvalSet.Load();
        var gallery = EvalSet.Gallery();

        Assert.True(set.Cases.Count >= 150, $"{set.Cases.Count} cases");
        Assert.Contains(set.Cases, c => c.Request == "Analyze Q3 sales performance and create executive dashboard" && c.Template == "sales-intelligence");
        Assert.Contains(set.Cases, c => c.Request == "Handle customer complaint about billing issue" && c.Template == "customer-support-refund");
        Assert.Contains(set.Cases, c => c.Request == "Create and distribute weekly content package" && c.Template == "content-marketing");
        Assert.All(gallery.Templates, t => Assert.True(set.Cases.Count(c => c.Template == t.Id) >= 3, $"{t.Id} has fewer than 3 paraphrases"));
        Assert.All(set.Cases.Where(c => c.Template is not null), c => Assert.NotNull(gallery.Find(c.Template!)));
        Assert.True(set.Cases.Count(c => c.IsComposition) >= 5);
        Assert.True(set.Cases.Count(c => c.None) >= 50, $"{set.Cases.Count(c => c.None)} out-of-scope cases");
    }

    [Fact]
    public async Task EvalSet_ExpectedToolsAreBuiltinTools()
    {
        await using var tools = EvalSet.BuiltinTools();
        var names = (await EvalSet.Catalog(tools).GetToolsAsync("builtin")).Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.All(EvalSet.Load().Cases.SelectMany(c => c.Tools), t => Assert.Contains(t, names));
    }

    [Fact]
    public async Task TemplatePlanner_OnTheEvalSet_ReachesTheTargetsAndBeatsTheLexicalBaseline()
    {
        var set = EvalSet.Load();
        await using var tools = EvalSet.BuiltinTools();
        var baseline = await RunAsync(set, tools, new Dictionary<string, string?> { ["Planning:Retrieval"] = PlanningOptions.LexicalRetrieval });
        var semantic = await RunAsync(set, tools, null);

        var lexicalScore = EvalScore.Of(baseline);
        var score = EvalScore.Of(semantic);
        _output.WriteLine(EvalScore.Table(semantic));
        _output.WriteLine(lexicalScore.Summary("lexical baseline"));
        _output.WriteLine(score.Summary("offline planner"));
        var report = $"{lexicalScore.Summary("lexical baseline")}\n{score.Summary("offline planner")}\n{EvalScore.Table(semantic)}";
        Assert.True(score.RefusalRecall >= 0.95, $"refuses {score.RefusalRecall:P1} of the out-of-scope requests, below 95 %\n{report}");
        Assert.True(score.InScopeRight >= 0.85, $"plans {score.InScopeRight:P1} of the in-scope requests right, below 85 % (measured 90 %, docs/planner.md)\n{report}");
        Assert.True(score.PlanPrecision >= 0.95, $"plans precision {score.PlanPrecision:P1}, below 95 %\n{report}");
        Assert.True(score.InputAccuracy >= 0.80, $"inputs {score.InputAccuracy:P1}, below 80 %\n{report}");
        Assert.True(score.InScopeRight > lexicalScore.InScopeRight + 0.2, report);
    }

    [Theory]
    [InlineData("Analyze Q3 sales performance and create executive dashboard", "sales-intelligence", "period", "\"Q3_2024\"")]
    [InlineData("Handle customer complaint about billing issue", "customer-support-refund", null, null)]
    [InlineData("Create and distribute weekly content package", "content-marketing", null, null)]
    public async Task TemplatePlanner_SeedRequestVerbatim_PlansItsTemplateConfidently(string request, string template, string? input, string? value)
    {
        await using var tools = EvalSet.BuiltinTools();
        await using var host = await PlanningHost.StartAsync(EvalSet.Catalog(tools), EvalSet.Gallery());

        var result = await host.Planner.PlanAsync(new PlanRequest { Request = request });

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(template, result.Confidence!.MatchedId);
        Assert.False(result.Confidence.IsWeak, result.Explanation);
        Assert.All(result.Workflow!.Inputs, i => Assert.False(i.Value.IsRequired, $"input {i.Key} is not filled"));
        if (input is not null)
        {
            Assert.Equal(value, result.Workflow.Inputs[input].Default!.Value.GetRawText());
        }
    }

    private static async Task<List<(EvalCase, PlanResult)>> RunAsync(EvalSet set, Microsoft.Extensions.DependencyInjection.ServiceProvider tools,
        IReadOnlyDictionary<string, string?>? settings)
    {
        await using var host = await PlanningHost.StartAsync(EvalSet.Catalog(tools), EvalSet.Gallery(), settings);
        var rows = new List<(EvalCase, PlanResult)>();
        foreach (var @case in set.Cases)
        {
            var result = await host.Planner.PlanAsync(new PlanRequest { Request = @case.Request });
            Assert.Equal("template", result.Planner);
            rows.Add((@case, result));
        }
        return rows;
    }
}
