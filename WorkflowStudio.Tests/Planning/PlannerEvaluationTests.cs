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
    public async Task TemplatePlanner_OnTheEvalSet_ReachesTheTargets()
    {
        var set = EvalSet.Load();
        await using var tools = EvalSet.BuiltinTools();
        await using var host = await PlanningHost.StartAsync(EvalSet.Catalog(tools), EvalSet.Gallery());
        var rows = new List<(EvalCase, PlanResult)>();
        foreach (var @case in set.Cases)
        {
            var result = await host.Planner.PlanAsync(new PlanRequest { Request = @case.Request });
            Assert.Equal("template", result.Planner);
            rows.Add((@case, result));
        }

        var score = EvalScore.Of(rows);
        _output.WriteLine(EvalScore.Table(rows));
        _output.WriteLine(score.Summary("offline planner"));
        var report = $"{score.Summary("offline planner")}\n{EvalScore.Table(rows)}";
        Assert.True(score.RefusalRecall >= 0.95, $"refuses {score.RefusalRecall:P1} of the out-of-scope requests, below 95 %\n{report}");
        Assert.True(score.PlanPrecision >= 0.95, $"plans precision {score.PlanPrecision:P1}, below 95 %\n{report}");
    }
}
