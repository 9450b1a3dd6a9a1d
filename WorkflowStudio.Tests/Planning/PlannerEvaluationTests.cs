using System.Globalization;
using WorkflowStudio.Engine.Planning;
using Xunit.Abstractions;

namespace WorkflowStudio.Tests.Planning;

/// <summary>The offline planner against eval-set.json; the score reached is recorded in docs/planner.md.</summary>
public sealed class PlannerEvaluationTests
{
    /// <summary>The offline planner's measured score is 0.97 (docs/planner.md); this floor catches regressions.</summary>
    private const double MinimumScore = 0.95;

    private readonly ITestOutputHelper _output;

    public PlannerEvaluationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void EvalSet_HasTheSeedScenariosAndAtLeastThirtyCases()
    {
        var set = EvalSet.Load();

        Assert.True(set.Cases.Count >= 30, $"{set.Cases.Count} cases");
        Assert.Contains(set.Cases, c => c.Template == "sales-intelligence");
        Assert.Contains(set.Cases, c => c.Template == "customer-support-refund");
        Assert.Contains(set.Cases, c => c.Template == "content-marketing");
        Assert.Contains(set.Cases, c => c.None);
    }

    [Fact]
    public async Task EvalSet_TemplatesValidateAgainstTheEvalCatalog()
    {
        var set = EvalSet.Load();
        foreach (var template in set.Templates)
        {
            var errors = await Engine.Workflows.WorkflowValidator.ValidateAsync(template.Workflow, set.Catalog());
            Assert.True(errors.Count == 0, $"{template.Id}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public async Task TemplatePlanner_OnTheEvalSet_ReachesTheRecordedScore()
    {
        var set = EvalSet.Load();
        await using var host = await PlanningHost.StartAsync(set.Catalog(), set.Gallery());
        var rows = new List<(EvalCase, PlanResult, double)>();
        foreach (var @case in set.Cases)
        {
            var result = await host.Planner.PlanAsync(new PlanRequest { Request = @case.Request });
            Assert.Equal("template", result.Planner);
            rows.Add((@case, result, EvalScore.Score(@case, result, set)));
        }

        var score = rows.Average(r => r.Item3);
        _output.WriteLine(EvalScore.Table(rows));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"offline score {score:0.000} over {rows.Count} cases"));
        Assert.True(score >= MinimumScore, string.Create(CultureInfo.InvariantCulture, $"score {score:0.000}\n{EvalScore.Table(rows)}"));
    }
}
